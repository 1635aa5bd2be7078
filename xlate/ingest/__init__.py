"""Stage 0: saved articles in.

``inputs`` turns the command line's paths (files, folders, bundles) into the files to read;
``paths`` checks each is a regular file and reads it within bounds; ``decode`` turns bytes into
text; ``formats`` parses plain text, Markdown, HTML and JSON into articles; ``furniture`` removes
page furniture; ``stream`` reads large plain-text files in parts; ``bundle`` reads an event
bundle's manifest.
"""
