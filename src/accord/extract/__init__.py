"""Extraction stages, one module per stage; each registers itself in :data:`accord.pipeline.stages`."""
