"""unzh: text analysis of Chinese-language UN documents."""
__version__ = "0.1.0"
