"""The spaCy pipeline and the gazetteer rulers that run ahead of its NER."""
