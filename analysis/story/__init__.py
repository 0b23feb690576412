"""Story input and text: reading a story folder, giving every raw line a role, sentences, quotation marks, language."""
