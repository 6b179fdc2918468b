"""sitreps.analysis"""
