"""sitreps.events"""
