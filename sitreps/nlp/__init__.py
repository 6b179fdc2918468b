"""sitreps.nlp"""
