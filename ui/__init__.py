"""The Qt client: a shell window, pages built on first show, forms that call app services."""
