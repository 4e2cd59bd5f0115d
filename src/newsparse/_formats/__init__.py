"""The formats: the contract and registry, outlet profiles, the author's kit, and each format."""
