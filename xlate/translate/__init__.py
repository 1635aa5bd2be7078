"""Translation of saved articles: ``batch`` runs ``xlate translate`` over files and folders."""
