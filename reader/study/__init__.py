"""The student workflow, free of Qt: word lookup, transliteration, vocabulary, speech."""
