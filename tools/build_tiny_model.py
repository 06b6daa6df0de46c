"""Build the tiny but real Arabic->English Argos package used by the tests.

    python tools/build_tiny_model.py [--out tests/data/translate-ar_en-tiny.argosmodel]

It trains a shared sentencepiece model and a small pre-norm Transformer (PyTorch, CPU,
3,000 steps, about ten minutes) on the FLORES ar/en sentences in ../shared, writes the weights into a
CTranslate2 ``TransformerSpec`` (int8) and zips it the way Argos packages are laid out
(metadata.json, model/, sentencepiece.model). It translates badly but it is a real model:
CTranslate2 and stock argostranslate load and run it exactly like the official package.

``write_ctranslate2_model`` is also used by bench/translation_speed.py to build a
transformer-base model with random weights (the official package's architecture).
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "tests" / "data" / "translate-ar_en-tiny.argosmodel"
FLORES = ROOT.parent / "shared" / "data" / "flores-ar-en"
SPECIALS = ["<blank>", "<unk>", "<s>", "</s>"]
MAX_POSITIONS = 1024
LN_EPS = 1e-6


def sinusoids(length: int, dim: int) -> np.ndarray:
    pos = np.arange(length)[:, None]
    rates = np.exp(np.arange(0, dim, 2) * -(math.log(10000.0) / dim))
    table = np.zeros((length, dim), dtype=np.float32)
    table[:, 0::2] = np.sin(pos * rates)
    table[:, 1::2] = np.cos(pos * rates)
    return table


# --- CTranslate2 export ------------------------------------------------------------------

def write_ctranslate2_model(weights: dict[str, np.ndarray], layers: tuple[int, int], heads: int,
                            vocab: list[str], out_dir: Path, quantization: str = "int8") -> None:
    """Write weights named like ``TinyTransformer.state_dict()`` as a CTranslate2 model.

    The torch model below computes exactly what CTranslate2's pre-norm Transformer
    computes (scaled embeddings + given position table, fused QKV, ReLU FFN, final norms),
    so a model trained here decodes the same in CTranslate2.
    """
    from ctranslate2.specs import transformer_spec

    spec = transformer_spec.TransformerSpec.from_config(layers, heads)
    spec.config.layer_norm_epsilon = LN_EPS
    w = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in weights.items()}

    def linear(s, name):
        s.weight = w[f"{name}.weight"]
        s.bias = w[f"{name}.bias"]

    def norm(s, name):
        s.gamma = w[f"{name}.weight"]
        s.beta = w[f"{name}.bias"]

    def attention(s, name, fused_self: bool):
        if fused_self:
            linear(s.linear[0], f"{name}.qkv")
        else:
            linear(s.linear[0], f"{name}.q")
            linear(s.linear[1], f"{name}.kv")
        linear(s.linear[-1], f"{name}.out")

    for side, stack in (("enc", spec.encoder), ("dec", spec.decoder)):
        emb = stack.embeddings[0] if side == "enc" else stack.embeddings
        emb.weight = w["embed.weight"]
        stack.position_encodings.encodings = w["positions"]
        norm(stack.layer_norm, f"{side}.norm")
        for i, layer in enumerate(stack.layer):
            p = f"{side}.layers.{i}"
            attention(layer.self_attention, f"{p}.self", fused_self=True)
            norm(layer.self_attention.layer_norm, f"{p}.self_norm")
            if side == "dec":
                attention(layer.attention, f"{p}.cross", fused_self=False)
                norm(layer.attention.layer_norm, f"{p}.cross_norm")
            norm(layer.ffn.layer_norm, f"{p}.ffn_norm")
            linear(layer.ffn.linear_0, f"{p}.ffn1")
            linear(layer.ffn.linear_1, f"{p}.ffn2")
    spec.decoder.projection.weight = w["embed.weight"]
    spec.decoder.projection.bias = w["proj_bias"]
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization=quantization)
    spec.save(str(out_dir))


def random_weights(vocab_size: int, d_model: int, ffn: int, layers: tuple[int, int],
                   seed: int = 0) -> dict[str, np.ndarray]:
    """Random weights with the shapes write_ctranslate2_model expects (for the speed bench)."""
    rng = np.random.default_rng(seed)
    w: dict[str, np.ndarray] = {}

    def lin(name, out_dim, in_dim):
        w[f"{name}.weight"] = rng.normal(0, in_dim ** -0.5, (out_dim, in_dim)).astype(np.float32)
        w[f"{name}.bias"] = np.zeros(out_dim, np.float32)

    def ln(name):
        w[f"{name}.weight"] = np.ones(d_model, np.float32)
        w[f"{name}.bias"] = np.zeros(d_model, np.float32)

    w["embed.weight"] = rng.normal(0, d_model ** -0.5, (vocab_size, d_model)).astype(np.float32)
    w["proj_bias"] = np.zeros(vocab_size, np.float32)
    w["positions"] = sinusoids(MAX_POSITIONS, d_model)
    for side, n in (("enc", layers[0]), ("dec", layers[1])):
        ln(f"{side}.norm")
        for i in range(n):
            p = f"{side}.layers.{i}"
            lin(f"{p}.self.qkv", 3 * d_model, d_model)
            lin(f"{p}.self.out", d_model, d_model)
            ln(f"{p}.self_norm")
            if side == "dec":
                lin(f"{p}.cross.q", d_model, d_model)
                lin(f"{p}.cross.kv", 2 * d_model, d_model)
                lin(f"{p}.cross.out", d_model, d_model)
                ln(f"{p}.cross_norm")
            ln(f"{p}.ffn_norm")
            lin(f"{p}.ffn1", ffn, d_model)
            lin(f"{p}.ffn2", d_model, ffn)
    return w


def zip_package(package_dir: Path, out: Path, name: str) -> None:
    """Zip ``package_dir`` as an .argosmodel: one top folder holding metadata.json etc."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(package_dir.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(f"{name}/{path.relative_to(package_dir).as_posix()}",
                                       date_time=(2024, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, path.read_bytes())


def metadata(code: str, version: str, description: str) -> dict:
    return {"package_version": version, "argos_version": "1.0", "from_code": "ar",
            "from_name": "Arabic", "to_code": "en", "to_name": "English", "code": code,
            "type": "translate", "description": description}


# --- training ------------------------------------------------------------------------------

def read_flores(folder: Path) -> tuple[list[str], list[str]]:
    """FLORES dev + devtest, Arabic and English lines aligned."""
    ar: list[str] = []
    en: list[str] = []
    for split in ("dev", "test"):
        ar += (folder / f"flores-{split}.ar").read_text(encoding="utf-8").splitlines()
        en += (folder / f"flores-{split}.en").read_text(encoding="utf-8").splitlines()
    return ar, en


def train_sentencepiece(lines: list[str], prefix: Path, vocab_size: int) -> None:
    import sentencepiece as spm

    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_prefix=str(prefix), vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, bos_id=1, eos_id=2, unk_id=0, pad_id=-1,
        num_threads=1, input_sentence_size=0, shuffle_input_sentence=False, minloglevel=2)


def build_torch_model(vocab_size: int, d_model: int, heads: int, ffn: int, layers: tuple[int, int],
                      positions: np.ndarray | None = None, zero_start: bool = False):
    """``positions``: the position table (default: interleaved sinusoids, CTranslate2's).
    ``zero_start``: the decoder's first input is a zero embedding instead of <s>'s (Marian).
    """
    import torch
    from torch import nn
    import torch.nn.functional as F

    class Attention(nn.Module):
        def __init__(self, fused_self: bool):
            super().__init__()
            self.fused_self = fused_self
            if fused_self:
                self.qkv = nn.Linear(d_model, 3 * d_model)
            else:
                self.q = nn.Linear(d_model, d_model)
                self.kv = nn.Linear(d_model, 2 * d_model)
            self.out = nn.Linear(d_model, d_model)

        def forward(self, x, memory, mask):
            if self.fused_self:
                q, k, v = self.qkv(x).chunk(3, dim=-1)
            else:
                q = self.q(x)
                k, v = self.kv(memory).chunk(2, dim=-1)

            def split(t):
                return t.view(t.shape[0], t.shape[1], heads, -1).transpose(1, 2)

            y = F.scaled_dot_product_attention(split(q), split(k), split(v), attn_mask=mask)
            return self.out(y.transpose(1, 2).reshape(x.shape[0], x.shape[1], d_model))

    class Layer(nn.Module):
        def __init__(self, decoder: bool):
            super().__init__()
            self.self = Attention(True)
            self.self_norm = nn.LayerNorm(d_model, eps=LN_EPS)
            if decoder:
                self.cross = Attention(False)
                self.cross_norm = nn.LayerNorm(d_model, eps=LN_EPS)
            self.ffn_norm = nn.LayerNorm(d_model, eps=LN_EPS)
            self.ffn1 = nn.Linear(d_model, ffn)
            self.ffn2 = nn.Linear(ffn, d_model)
            self.drop = nn.Dropout(0.1)

        def forward(self, x, self_mask, memory=None, memory_mask=None):
            h = self.self_norm(x)
            x = x + self.drop(self.self(h, h, self_mask))
            if memory is not None:
                x = x + self.drop(self.cross(self.cross_norm(x), memory, memory_mask))
            return x + self.drop(self.ffn2(F.relu(self.ffn1(self.ffn_norm(x)))))

    class TinyTransformer(nn.Module):
        def __init__(self):
            super().__init__()
            self.embed = nn.Embedding(vocab_size, d_model)
            nn.init.normal_(self.embed.weight, 0, d_model ** -0.5)
            self.proj_bias = nn.Parameter(torch.zeros(vocab_size))
            table = sinusoids(MAX_POSITIONS, d_model) if positions is None else positions
            self.register_buffer("positions", torch.from_numpy(np.asarray(table, dtype=np.float32)))
            self.enc = nn.Module()
            self.enc.layers = nn.ModuleList(Layer(False) for _ in range(layers[0]))
            self.enc.norm = nn.LayerNorm(d_model, eps=LN_EPS)
            self.dec = nn.Module()
            self.dec.layers = nn.ModuleList(Layer(True) for _ in range(layers[1]))
            self.dec.norm = nn.LayerNorm(d_model, eps=LN_EPS)
            self.drop = nn.Dropout(0.1)

        def embed_tokens(self, ids, decoder: bool = False):
            x = self.embed(ids) * math.sqrt(d_model)
            if decoder and zero_start:
                x = torch.cat([torch.zeros_like(x[:, :1]), x[:, 1:]], dim=1)
            return self.drop(x + self.positions[: ids.shape[1]])

        def forward(self, src, src_pad, tgt_in):
            key_mask = (~src_pad)[:, None, None, :]  # True = attend
            x = self.embed_tokens(src)
            for layer in self.enc.layers:
                x = layer(x, key_mask)
            memory = self.enc.norm(x)
            n = tgt_in.shape[1]
            causal = torch.ones(n, n, dtype=torch.bool).tril()[None, None]
            y = self.embed_tokens(tgt_in, decoder=True)
            for layer in self.dec.layers:
                y = layer(y, causal, memory, key_mask)
            return self.dec.norm(y) @ self.embed.weight.T + self.proj_bias

    return TinyTransformer()


def train(pairs: list[tuple[list[int], list[int]]], model, steps: int, minutes: float, seed: int,
          bos: int = 2, eos: int = 3, pad: int = 0) -> None:
    """Ids default to <s>, </s>, <blank> in the CTranslate2 vocabulary of the Argos model."""
    import torch
    import torch.nn.functional as F

    torch.manual_seed(seed)
    rng = random.Random(seed)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, betas=(0.9, 0.98), weight_decay=0.0)
    pairs = sorted(pairs, key=lambda p: len(p[0]))
    batches, current, tokens = [], [], 0
    for p in pairs:
        current.append(p)
        tokens += len(p[0]) + len(p[1])
        if tokens > 3000:
            batches.append(current)
            current, tokens = [], 0
    if current:
        batches.append(current)
    deadline = time.monotonic() + minutes * 60
    step, epoch = 0, 0
    model.train()
    while step < steps and time.monotonic() < deadline:
        epoch += 1
        rng.shuffle(batches)
        total = 0.0
        for batch in batches:
            step += 1
            lr = 2e-3 * min(1.0, step / 200) * min(1.0, (400 / max(step, 1)) ** 0.5)
            for g in opt.param_groups:
                g["lr"] = lr
            src_len = max(len(s) for s, _ in batch)
            tgt_len = max(len(t) for _, t in batch) + 1
            src = torch.full((len(batch), src_len), pad)
            tin = torch.full((len(batch), tgt_len), pad)
            tout = torch.full((len(batch), tgt_len), -100)
            for i, (s, t) in enumerate(batch):
                src[i, : len(s)] = torch.tensor(s)
                tin[i, : len(t) + 1] = torch.tensor([bos, *t])
                tout[i, : len(t) + 1] = torch.tensor([*t, eos])
            logits = model(src, src == pad, tin)
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tout.reshape(-1),
                                   ignore_index=-100, label_smoothing=0.1)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            total += loss.item()
            if step >= steps or time.monotonic() > deadline:
                break
        print(f"epoch {epoch} step {step} loss {total / len(batches):.3f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--flores", type=Path, default=FLORES)
    ap.add_argument("--steps", type=int, default=3000, help="training steps (3000: ~10 min on 2 idle cores)")
    ap.add_argument("--minutes", type=float, default=60.0, help="stop earlier than --steps after this long")
    ap.add_argument("--vocab", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1234)
    args = ap.parse_args(argv)

    import sentencepiece as spm
    import torch

    torch.set_num_threads(2)
    ar, en = read_flores(args.flores)
    with tempfile.TemporaryDirectory() as tmp:
        pkg = Path(tmp) / "pkg"
        (pkg / "model").mkdir(parents=True)
        train_sentencepiece(ar + en, pkg / "sentencepiece", args.vocab)
        (pkg / "sentencepiece.vocab").unlink()
        sp = spm.SentencePieceProcessor(model_file=str(pkg / "sentencepiece.model"))
        # CTranslate2 vocabulary: <blank> for padding, then the sentencepiece pieces in order.
        vocab = ["<blank>"] + [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
        pairs = [([i + 1 for i in sp.encode(a)], [i + 1 for i in sp.encode(e)]) for a, e in zip(ar, en)]
        pairs = [p for p in pairs if len(p[0]) <= 160 and len(p[1]) <= 160]
        dims = dict(d_model=128, heads=4, ffn=512, layers=(3, 3))
        model = build_torch_model(len(vocab), **dims)
        train(pairs, model, args.steps, args.minutes, args.seed)
        weights = {k: v.detach().numpy() for k, v in model.state_dict().items()}
        write_ctranslate2_model(weights, dims["layers"], dims["heads"], vocab, pkg / "model")
        (pkg / "metadata.json").write_text(json.dumps(metadata(
            "translate-ar_en-tiny", "0.1",
            "Tiny test model trained in minutes on FLORES; real but it translates badly."),
            indent=2) + "\n", encoding="utf-8")
        (pkg / "README.md").write_text(
            "Tiny Arabic-English model for Bayan's tests, built by tools/build_tiny_model.py.\n"
            "Trained on FLORES-200 dev+devtest (CC BY-SA 4.0). Not for real use.\n", encoding="utf-8")
        zip_package(pkg, args.out, "translate-ar_en-tiny")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
