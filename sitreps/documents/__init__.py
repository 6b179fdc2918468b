"""sitreps.documents"""
