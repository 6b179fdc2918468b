"""sitreps.interfaces"""
