"""Reports on training: hours delivered, people trained and certified, with charts and exports."""
