"""Learning from a corpus: what each outlet's files share, and the tags its keyword lines hold."""
