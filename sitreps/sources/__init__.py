"""sitreps.sources"""
