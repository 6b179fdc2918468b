"""sitreps.store"""
