"""The aggregator-text dump: its line grammar, dates, bylines, keywords, parser and renderer."""
