"""One extractor per archived source: the figures a person read in it, and the mentions they dismissed."""
