"""The bad inputs of the robustness suite, made at test time (nothing big is committed).

Each ``Case`` writes its file(s) into a folder and states what ``documents.csv`` must say about
them, and the time and memory it may take in a one-process run. ``benchmarks/robustness.py`` makes
the same files at full size (the 200 MB document, the 100,000-line JSONL) and prints the figures.
"""
from __future__ import annotations

import io
import json
import random
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

GOOD = "2021年，广东省委网信办开展“清朗”系列专项行动，处置有害信息400万条次。"


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], list[str]]  # writes into a folder, returns the inputs to pass
    status: dict = field(default_factory=dict)  # doc_id -> "ok" / "error" (every document it yields)
    seconds: float = 20.0  # the bound on this case's share of a one-process run
    megabytes: int = 0  # extra peak memory allowed, on top of the loaded pipeline


def png_bytes(width: int = 16, height: int = 16) -> bytes:
    """A real, valid PNG (a grey square), made with zlib."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes([128]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("news.txt", GOOD * 20)
    return buffer.getvalue()


def _write(name: str, data: bytes) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        (folder / name).write_bytes(data)
        return [str(folder / name)]
    return make


def _jsonl(n_lines: int, bad_every: int, seed: int = 7) -> Callable[[Path], list[str]]:
    """``n_lines`` records; every ``bad_every``-th line is malformed in one of several ways."""
    def make(folder: Path) -> list[str]:
        rng = random.Random(seed)
        broken = ['{"id": "x", "text": "未闭合', '{"id": 1, text: "无引号"}', "[1, 2, 3]", "{,}", '"只是字符串"',
                  '{"id": "y", "text": "\\ud800孤立代理"']
        path = folder / "big.jsonl"
        with open(path, "w", encoding="utf-8") as handle:
            for i in range(1, n_lines + 1):
                if i % bad_every == 0:
                    handle.write(rng.choice(broken) + "\n")
                else:
                    handle.write(json.dumps({"id": f"j{i}", "text": f"第{i}条：今年超过{i}万人参与。"}, ensure_ascii=False) + "\n")
        return [str(path)]
    return make


def jsonl_status(n_lines: int, bad_every: int) -> dict:
    return {(str(i) if i % bad_every == 0 else f"j{i}"): ("error" if i % bad_every == 0 else "ok")
            for i in range(1, n_lines + 1)}


def no_punctuation(n_bytes: int, seed: int = 3) -> bytes:
    """Chinese text without a punctuation mark or line break, ``n_bytes`` of UTF-8."""
    rng = random.Random(seed)
    words = "中国网信办开展清朗专项行动今年超过万人参与广东省委宣传部举办网络文明大会第一二三四五六七八九十百千年月日"
    return "".join(rng.choice(words) for _ in range(n_bytes // 3)).encode("utf-8")


def _no_punctuation_file(name: str, n_bytes: int) -> Callable[[Path], list[str]]:
    """Written a megabyte at a time, so a 200 MB file costs no memory to make."""
    def make(folder: Path) -> list[str]:
        block = no_punctuation(min(n_bytes, 999_999))
        with open(folder / name, "wb") as handle:
            for _ in range(n_bytes // len(block)):
                handle.write(block)
            handle.write(block[: (n_bytes % len(block)) // 3 * 3])
        return [str(folder / name)]
    return make


def mixed_gbk_utf8() -> bytes:
    lines = ["广东省委网信办开展“清朗”专项行动。", "今年超过10万人参与，处置有害信息400万条次。",
             "2021年4月27日，网络文明大会在广州举行。", "中央网信办发布《网络信息内容生态治理规定》。"]
    return b"\n".join(line.encode("gbk" if i % 2 else "utf-8") for i, line in enumerate(lines)) + b"\n"


def csv_tricky() -> bytes:
    return ('id,title,text\n'
            'c1,"标题, 带逗号","第一段。\n第二段：今年超过10万人参与。\n""引号""里的话"\n'
            'c2,"=HYPERLINK(""http://x"")","-1+2 广东省委网信办开展“清朗”专项行动。"\n'
            'c3,,\n').encode("utf-8")


def nested_quotes(depth: int) -> bytes:
    return ("“《" * depth + "清朗" + "》”" * depth + "专项行动").encode("utf-8")


def cases(big_megabytes: int = 2, jsonl_lines: int = 2_000) -> list[Case]:
    """Every bad-input case. ``big_megabytes``: size of the too-long document (200 in the benchmark);
    ``jsonl_lines``: lines of the 1%-malformed JSONL (100,000 in the benchmark)."""
    return [
        Case("empty", _write("empty.txt", b""), {"empty": "error"}),
        Case("whitespace", _write("blank.txt", " \n\t\r\n\u3000 \n".encode("utf-8")), {"blank": "error"}),
        Case("png", _write("photo.png", png_bytes()), {"photo": "error"}),
        Case("png-named-txt", _write("scraped.txt", png_bytes()), {"scraped": "error"}),
        Case("zip", _write("archive.zip", zip_bytes()), {"archive": "error"}),
        Case("truncated-utf8", _write("truncated.txt", (GOOD * 3).encode("utf-8")[:-2]), {"truncated": "ok"}),
        Case("mixed-gbk-utf8", _write("mixed.txt", mixed_gbk_utf8()), {"mixed": "ok"}),
        Case("utf16-no-bom", _write("utf16.txt", (GOOD * 3).encode("utf-16-le")), {"utf16": "ok"}),
        Case("too-long", _no_punctuation_file("huge.txt", big_megabytes * 1_000_000), {"huge": "error"},
             megabytes=8 * big_megabytes),
        Case("jsonl-1pct-malformed", _jsonl(jsonl_lines, 100), jsonl_status(jsonl_lines, 100), seconds=120),
        Case("csv-newlines-quotes", _write("tricky.csv", csv_tricky()), {"c1": "ok", "c2": "ok", "c3": "error"}),
        Case("nul-bytes", _write("nuls.txt", GOOD.encode("utf-8").replace("，".encode(), b"\x00")), {"nuls": "ok"}),
        Case("lone-surrogates", _write("surrogates.jsonl", b'{"id": "s\\udc80", "text": "\\ud800' + GOOD.encode("utf-8")
                                       + b'\\udfff"}\n' + "\ud800".encode("utf-8", "surrogatepass") + GOOD.encode("utf-8") + b"\n"),
             {"s\ufffd": "ok", "2": "error"}),
        Case("rtl-marks", _write("rtl.txt", ("\u202e" + GOOD + "\u200f\u202c" + GOOD).encode("utf-8")), {"rtl": "ok"}),
        Case("one-char-10000", _write("repeat.txt", ("一" * 10_000 + "\n" + "1" * 10_000 + "\n" + "年" * 10_000 + "\n"
                                                     + "“" * 10_000 + "\n" + "万" * 10_000).encode("utf-8")), {"repeat": "ok"}),
        Case("nested-quotes", _write("nested.txt", nested_quotes(5_000)), {"nested": "ok"}),
        Case("1mb-no-punctuation", _no_punctuation_file("nopunct.txt", 1_000_000), {"nopunct": "ok"},
             seconds=120, megabytes=600),
    ]
