"""Small trained artefacts shipped with accord (plain numpy weights) and their loaders."""
