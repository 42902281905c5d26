"""Tiny, randomly initialised MT5 and Marian models, built offline from the test pages.

They load through exactly the code path of the real models (a local directory given to
AutoTokenizer/AutoModelForSeq2SeqLM.from_pretrained). Their output is noise, which is the
point: the pipeline must survive whatever a model says.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import sentencepiece as spm

from tests.helpers.paths import OWN_PAGES, SEED_PAGE

ENGLISH_LINES = [
    "The mayor met the ambassador of Belarus in Jining on Friday morning.",
    "Both sides signed a memorandum of cooperation on trade, culture and tourism.",
    "The city will deepen exchanges with its sister cities abroad.",
    "The county launched a reform of the approval of construction projects.",
    "The economy grew by 5.8 percent in the first quarter.",
    "The delegation visited key enterprises in the development zone.",
]


def _chinese_corpus(folder: Path) -> Path:
    pages = sorted(OWN_PAGES.glob("*.txt")) + ([SEED_PAGE] if SEED_PAGE.exists() else [])
    lines = [line.strip() for page in pages for line in page.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus = folder / "zh.txt"
    corpus.write_text("\n".join(lines + ENGLISH_LINES), encoding="utf-8")
    return corpus


def _train(corpus: Path, prefix: Path, vocab_size: int, **ids) -> Path:
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(prefix), vocab_size=vocab_size, character_coverage=1.0,
        model_type="unigram", hard_vocab_limit=False, minloglevel=2, bos_id=-1, **ids,
    )
    return prefix.with_suffix(".model")


TINY_MT5 = {"d_model": 32, "d_kv": 8, "d_ff": 64, "num_layers": 2, "num_decoder_layers": 2, "num_heads": 4}
TINY_MARIAN = {"d_model": 32, "encoder_layers": 2, "decoder_layers": 2, "encoder_attention_heads": 4,
               "decoder_attention_heads": 4, "encoder_ffn_dim": 64, "decoder_ffn_dim": 64}


def build_tiny_mt5(folder: Path, name: str = "tiny-mt5", vocab_size: int | None = None, **architecture) -> Path:
    """A random MT5 with the tokenizer trained on the test pages; `architecture` overrides TINY_MT5,
    and a `vocab_size` larger than the tokenizer's gives the model unused ids (as mT5's 250112)."""
    import torch
    from transformers import MT5Config, MT5ForConditionalGeneration

    work = folder / "mt5-work"
    work.mkdir(parents=True, exist_ok=True)
    model_file = _train(_chinese_corpus(work), work / "spiece", 1200, pad_id=0, eos_id=1, unk_id=2)
    target = folder / name
    target.mkdir(exist_ok=True)
    shutil.copy(model_file, target / "spiece.model")
    pieces = spm.SentencePieceProcessor(model_file=str(model_file)).get_piece_size()
    config = MT5Config(vocab_size=max(pieces, vocab_size or 0), decoder_start_token_id=0, pad_token_id=0,
                       eos_token_id=1, **{**TINY_MT5, **architecture})
    torch.manual_seed(0)
    model = MT5ForConditionalGeneration(config)
    model.lm_head.weight = torch.nn.Parameter(torch.randn_like(model.lm_head.weight) * 0.05)
    model.config.tie_word_embeddings = False
    model.save_pretrained(target)
    (target / "tokenizer_config.json").write_text(json.dumps({"tokenizer_class": "T5Tokenizer", "extra_ids": 0}))
    return target


def build_tiny_marian(folder: Path, name: str = "tiny-marian", vocab_size: int | None = None,
                      **architecture) -> Path:
    """A random Marian zh->en with tokenizers trained on the test pages; `architecture` overrides
    TINY_MARIAN, and `vocab_size` pads the vocabulary with unused pieces (as opus-mt's 65001)."""
    import torch
    from transformers import MarianConfig, MarianMTModel

    work = folder / "marian-work"
    work.mkdir(parents=True, exist_ok=True)
    english = work / "en.txt"
    english.write_text("\n".join(ENGLISH_LINES * 3), encoding="utf-8")
    source = _train(_chinese_corpus(work), work / "source", 1200, unk_id=0, eos_id=1, pad_id=-1)
    target_spm = _train(english, work / "target", 120, unk_id=0, eos_id=1, pad_id=-1)
    target = folder / name
    target.mkdir(exist_ok=True)
    shutil.copy(source, target / "source.spm")
    shutil.copy(target_spm, target / "target.spm")
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for model_file in (source, target_spm):
        processor = spm.SentencePieceProcessor(model_file=str(model_file))
        for index in range(processor.get_piece_size()):
            vocab.setdefault(processor.id_to_piece(index), len(vocab))
    while vocab_size and len(vocab) < vocab_size - 1:
        vocab[f"<unused_{len(vocab)}>"] = len(vocab)
    vocab["<pad>"] = len(vocab)  # Marian keeps <pad> last, as CTranslate2's converter expects
    (target / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (target / "tokenizer_config.json").write_text(
        json.dumps({"tokenizer_class": "MarianTokenizer", "source_lang": "zh", "target_lang": "en"})
    )
    config = MarianConfig(
        vocab_size=len(vocab), max_position_embeddings=512, pad_token_id=vocab["<pad>"], eos_token_id=vocab["</s>"],
        decoder_start_token_id=vocab["<pad>"], forced_eos_token_id=vocab["</s>"],
        share_encoder_decoder_embeddings=True, **{**TINY_MARIAN, **architecture},
    )
    torch.manual_seed(0)
    MarianMTModel(config).save_pretrained(target)
    return target


TINY_QWEN2 = {"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4,
              "num_key_value_heads": 2, "max_position_embeddings": 4096}
CHAT_TEMPLATE = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
"""Qwen2.5's ChatML layout, without its tool-calling parts."""


def build_tiny_qwen2(folder: Path, name: str = "tiny-qwen2") -> Path:
    """A random Qwen2 causal LM with a byte-level BPE tokenizer trained on the test pages and a
    ChatML chat template: the shape of Qwen2.5-Instruct, loadable by AutoModelForCausalLM."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM

    work = folder / "qwen2-work"
    work.mkdir(parents=True, exist_ok=True)
    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    bpe.train([str(_chinese_corpus(work))], trainers.BpeTrainer(
        vocab_size=1500, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe, eos_token="<|im_end|>", pad_token="<|endoftext|>",
        additional_special_tokens=specials[1:], chat_template=CHAT_TEMPLATE)
    target = folder / name
    tokenizer.save_pretrained(target)
    config = Qwen2Config(vocab_size=bpe.get_vocab_size(), eos_token_id=bpe.token_to_id("<|im_end|>"),
                         pad_token_id=bpe.token_to_id("<|endoftext|>"), bos_token_id=None,
                         tie_word_embeddings=True, **TINY_QWEN2)
    torch.manual_seed(0)
    Qwen2ForCausalLM(config).save_pretrained(target)
    return target
