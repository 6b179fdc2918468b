"""sitreps.knowledge"""
