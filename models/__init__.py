"""Language models for self-play: a tokenizer, a prover and a conjecturer.

Transformers is imported only when a model is built or loaded.
"""

from models.conjecturer import Conjecturer
from models.device import pick_device
from models.lm import LMConfig, Seq2SeqLM
from models.prover import Prover
from models.role import LMRole
from models.tokenizer import SPECIAL_TOKENS, train_tokenizer

__all__ = [
    "SPECIAL_TOKENS",
    "Conjecturer",
    "LMConfig",
    "LMRole",
    "Prover",
    "Seq2SeqLM",
    "pick_device",
    "train_tokenizer",
]
