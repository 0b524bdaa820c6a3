"""The rules of the network area, one module per concept (graph.py and layout.py stay pure)."""
