"""Ingest, stage 1: sources become Documents (readers, fetching, charsets, repair); tables become Indicators.

`read_document(path)` reads one file of any registered kind; `gather(specs)` reads every
source of a briefing, with a failure record for each one that could not be read.
"""

from briefing.ingest.readers import fetched_inputs, gather, read_file, read_url

read_document = read_file  # one file of any kind a reader is registered for

__all__ = ["fetched_inputs", "gather", "read_document", "read_file", "read_url"]
