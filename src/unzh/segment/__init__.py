"""Segmentation: the paragraph table becomes the token table.

Owns: dictionary (jieba's dictionary and the package's Tokenizers), tokens (the token table's columns and
encoding), backends (jieba and the verified rjieba fast path), parallel (worker processes), engine (the
map-reduce engine: a process pool or Dask, UNZH_SCHEDULER), cache (the Parquet token cache), segmenter (Segmenter and tokens_table), audit (does the dictionary keep UN terms whole).

May import: unzh.errors, unzh.config, unzh.io_utils, unzh.text, unzh.lexicon.
"""
from unzh._exports import lazy

_EXPORTS = {
    "compare_segmentations": "audit",
    "describe_before_after": "audit",
    "split_fragments": "audit",
    "dictionary_audit": "audit",
    "hmm_inventions": "audit",
    "BACKENDS": "backends",
    "BackendSpec": "backends",
    "BackendUnavailable": "backends",
    "CutReport": "backends",
    "Cutter": "backends",
    "DictionaryEntries": "backends",
    "GUARD_VERSION": "backends",
    "RESTRICTED_REFERENCE_MAX_CHARS": "backends",
    "VERIFIED_EMBEDDED": "backends",
    "VERIFY_MODES": "backends",
    "backend_version": "backends",
    "dictionary_entries": "backends",
    "guard_reason": "backends",
    "guarded": "backends",
    "reference_for": "backends",
    "rjieba_tokenizer": "backends",
    "CACHE_FORMAT": "cache",
    "cache_dir": "cache",
    "cache_key": "cache",
    "cache_path": "cache",
    "read": "cache",
    "write": "cache",
    "jieba_dictionary": "dictionary",
    "SCHEDULER_ENV": "engine",
    "client_from_env": "engine",
    "map_ordered": "engine",
    "scheduler_from_env": "engine",
    "CacheMismatchWarning": "cache",
    "BATCHES_PER_WORKER": "parallel",
    "Batch": "parallel",
    "MAX_BATCH_CHARS": "parallel",
    "MIN_BATCH_CHARS": "parallel",
    "SharedTokens": "parallel",
    "TextSource": "parallel",
    "batch_bounds": "parallel",
    "default_workers": "parallel",
    "encode": "parallel",
    "map_forked": "parallel",
    "segment_batch": "parallel",
    "segment_texts": "parallel",
    "shared_arrays": "parallel",
    "BackendFallbackWarning": "segmenter",
    "PARALLEL_MIN_CHARS": "segmenter",
    "Segmenter": "segmenter",
    "VERIFY_SAMPLE_CHARS": "segmenter",
    "tokens_table": "segmenter",
    "EncodedTokens": "tokens",
    "RUN_KEYS": "tokens",
    "SENTENCE_END": "tokens",
    "TOKEN_COLUMNS": "tokens",
    "TOKEN_SCHEMA_VERSION": "tokens",
    "is_kept": "tokens",
    "segmentation_provenance": "tokens",
    "sentence_numbers": "tokens",
}

__getattr__, __dir__, __all__ = lazy(__name__, _EXPORTS)
