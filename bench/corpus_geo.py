"""Synthetic national geography for the benchmark corpus: 34 provinces, 3,321 communes.

The counts are the real ones since 1 July 2025 (34 provinces and centrally-run cities;
2,621 xã, 687 phường, 13 đặc khu). Province names are the real 34; commune names are
synthetic (two Vietnamese syllables drawn from a fixed list), unique within their province.
Everything is drawn from ``random.Random(seed)`` so a seed always gives the same country.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# (name, kind): kind "thanh_pho" for centrally-run cities, "tinh" for provinces.
PROVINCES: tuple[tuple[str, str], ...] = (
    ("Hà Nội", "thanh_pho"), ("Hồ Chí Minh", "thanh_pho"), ("Hải Phòng", "thanh_pho"),
    ("Đà Nẵng", "thanh_pho"), ("Huế", "thanh_pho"), ("Cần Thơ", "thanh_pho"),
    ("Lai Châu", "tinh"), ("Điện Biên", "tinh"), ("Sơn La", "tinh"), ("Lạng Sơn", "tinh"),
    ("Quảng Ninh", "tinh"), ("Thanh Hóa", "tinh"), ("Nghệ An", "tinh"), ("Hà Tĩnh", "tinh"),
    ("Cao Bằng", "tinh"), ("Tuyên Quang", "tinh"), ("Lào Cai", "tinh"), ("Thái Nguyên", "tinh"),
    ("Phú Thọ", "tinh"), ("Bắc Ninh", "tinh"), ("Hưng Yên", "tinh"), ("Ninh Bình", "tinh"),
    ("Quảng Trị", "tinh"), ("Quảng Ngãi", "tinh"), ("Gia Lai", "tinh"), ("Khánh Hòa", "tinh"),
    ("Lâm Đồng", "tinh"), ("Đắk Lắk", "tinh"), ("Đồng Nai", "tinh"), ("Tây Ninh", "tinh"),
    ("Vĩnh Long", "tinh"), ("Đồng Tháp", "tinh"), ("Cà Mau", "tinh"), ("An Giang", "tinh"),
)
N_COMMUNES = 3321
COMMUNE_KINDS = (("xa", 2621), ("phuong", 687), ("dac_khu", 13))
KIND_WORD = {"xa": "xã", "phuong": "phường", "dac_khu": "đặc khu", "tinh": "tỉnh", "thanh_pho": "thành phố"}

SYLLABLES = (
    "An", "Bình", "Hòa", "Phú", "Tân", "Thạnh", "Long", "Mỹ", "Hưng", "Phước", "Thuận", "Đông",
    "Tây", "Nam", "Bắc", "Trung", "Sơn", "Hà", "Lâm", "Thủy", "Minh", "Quang", "Vĩnh", "Xuân",
    "Thành", "Hải", "Cẩm", "Đồng", "Lộc", "Phong", "Kim", "Ngọc", "Bảo", "Gia", "Khánh", "Lợi",
    "Diên", "Ô", "Mai", "Đức", "Hiệp", "Yên", "Châu", "Tiến", "Thắng", "Quý", "Vân", "Cát",
)


@dataclass(frozen=True, slots=True)
class Province:
    index: int
    name: str
    kind: str  # tinh | thanh_pho

    @property
    def full(self) -> str:
        return f"{KIND_WORD[self.kind]} {self.name}"

    @property
    def slug(self) -> str:
        return f"p{self.index:02d}"


@dataclass(frozen=True, slots=True)
class Commune:
    index: int
    name: str
    kind: str  # xa | phuong | dac_khu
    province: Province

    @property
    def full(self) -> str:
        return f"{KIND_WORD[self.kind]} {self.name}"

    @property
    def slug(self) -> str:
        return f"{self.province.slug}-c{self.index:04d}"


def country(seed: int) -> tuple[list[Province], list[Commune]]:
    """The whole country: 34 provinces and 3,321 communes spread over them unevenly."""
    rng = random.Random(f"geo:{seed}")
    provinces = [Province(i, name, kind) for i, (name, kind) in enumerate(PROVINCES)]
    weights = [rng.uniform(0.5, 2.0) * (1.6 if p.kind == "thanh_pho" else 1.0) for p in provinces]
    total = sum(weights)
    counts = [max(40, int(N_COMMUNES * w / total)) for w in weights]
    while sum(counts) != N_COMMUNES:  # fix rounding on the largest provinces
        i = max(range(len(counts)), key=lambda k: counts[k])
        counts[i] += 1 if sum(counts) < N_COMMUNES else -1
    kinds = [k for k, n in COMMUNE_KINDS for _ in range(n)]
    rng.shuffle(kinds)
    communes: list[Commune] = []
    for p, n in zip(provinces, counts, strict=True):
        used: set[str] = set()
        for _ in range(n):
            name = _name(rng, used)
            communes.append(Commune(len(communes), name, kinds[len(communes)], p))
    return provinces, communes


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
        a, b = name.split()
        if a != b and name not in used:
            used.add(name)
            return name
        if len(used) > 1500:  # exhausted pairs: add a numeral like real "Phường 3"
            name = f"{name} {len(used)}"
            used.add(name)
            return name


def sample(seed: int, size: float) -> tuple[list[Province], list[Commune]]:
    """``size`` percent of the communes (at least one province) and the provinces they belong to.

    Whole provinces are taken in a seeded order until the commune share is reached, so a
    sample keeps real province-commune proportions and every commune's province plan exists.
    """
    provinces, communes = country(seed)
    if size >= 100:
        return provinces, communes
    rng = random.Random(f"sample:{seed}:{size}")
    want = max(1, round(N_COMMUNES * size / 100))
    order = provinces[:]
    rng.shuffle(order)
    chosen: list[Province] = []
    picked: list[Commune] = []
    by_province: dict[int, list[Commune]] = {}
    for c in communes:
        by_province.setdefault(c.province.index, []).append(c)
    for p in order:
        chosen.append(p)
        room = want - len(picked)
        picked.extend(by_province[p.index][:room])
        if len(picked) >= want:
            break
    return sorted(chosen, key=lambda p: p.index), picked
