"""Sphinx configuration of the thermometer firmware documentation."""

project = "Thermometer firmware"
extensions = ["sphinx_needs"]

# Need types and link types are declared in ubproject.toml, which sphinx-needs and ubCode both read.
needs_from_toml = "ubproject.toml"
