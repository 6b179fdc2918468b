"""sitreps.resolve"""
