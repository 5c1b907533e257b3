#pragma once

// Small digests in each layout the generator has used, with the oddities seen in real files.
// Shared by the layout tests and the mutation tests.

#include <QByteArray>

namespace lectern::test {

// Classic, older generation: no bold keywords; ToC anchors lowercase or starting with a quote.
inline const QByteArray kOldClassic =
    "# 2024-11-02\n\n# Table of Contents\n"
    "* [Quoted \"Title\" Here](#\"Quoted-\"Title\"-Here)\n"
    "* [lowercase anchor paper](#lowercase-anchor-paper)\n\n\n"
    "## Quoted \"Title\" Here\n\n>Authors: Ann Lee, Bo Li\n\n"
    ">2024-10-31\n\n> http://arxiv.org/abs/2410.00001v1\n\n"
    "No keywords are marked in this older file.\n\n\n"
    "## lowercase anchor paper\n\n>Authors: Cy Doe\n\n>2024-10-31\n\n"
    "> http://arxiv.org/abs/2410.00002v2\n\nPlain text again.\n";

inline const QByteArray kHeadings =
    "# WMCodec: End-to-End Neural Speech Codec: Deep Watermarking\n\n"
    ">Authors: Junzuo Zhou,Jiangyan Yi,Yong Ren\n\n>2024-09-18\n\n"
    "> http://arxiv.org/abs/2409.12121v1\n\n"
    "With the widespread use of neural codecs, a wrapped\n"
    "abstract continues here.\n\n\n"
    "# Second: Another One\n\n>Authors: Solo Author\n\n>2024-09-19\n\n"
    "> http://arxiv.org/abs/2409.12345v3\n\nShort.\n";

inline const QByteArray kBadges =
    "# 2025-01-10\n\n# Table of Contents\n* [Badge Paper](#Badge-Paper)\n"
    "* [Second Badge Paper](#Second-Badge-Paper)\n\n\n"
    "## Badge Paper\n\n>Authors: Ann, Bob\n\n>2025-01-08\n\n"
    "> [http://arxiv.org/abs/2501.00001v2](http://arxiv.org/abs/2501.00001v2)\n\n"
    "Large Language Models (![key](https://img.shields.io/badge/LLM-FF8C00)s) are\n"
    "used with ![key](https://img.shields.io/badge/Mixture_of__Experts-00AA00) and\n"
    "![key](https://img.shields.io/badge/low--rank%20adaptation-FF8C00) and\n"
    "![key](https://img.shields.io/badge/state space-FF8C00).\n\n\n"
    "## Second Badge Paper\n\n>Authors: Cy\n\n>2025-01-09\n\n"
    "> [http://arxiv.org/abs/2501.00002v1](http://arxiv.org/abs/2501.00002v1)\n\n"
    "An abstract that mentions ![key](https://img.shields.io/badge/LLM-FF8C00) again.\n";

inline const QByteArray kCards =
    "# 2025-06-01\n\n# Table of Contents\n* [Card Paper One](#Card-Paper-One)\n"
    "* [Card Paper Two](#Card-Paper-Two)\n\n---\n\n"
    "## Card Paper One\n\n"
    "![](https://img.shields.io/badge/Sparse-FF8C00) ![](https://img.shields.io/badge/"
    "Quantization-1E90FF)\n\n"
    "> 本文提出一种稀疏注意力方法，显著降低计算开销。\n\n"
    "**Authors:** Wei Zhang, Li Na | **Date:** 2025-05-30\n\n"
    "**Link:** [http://arxiv.org/abs/2505.20000v1](http://arxiv.org/abs/2505.20000v1)\n\n"
    "<details><summary>Abstract</summary>\n\n"
    "We propose a sparse attention method with $O(N \\log N)$ cost. It is one unwrapped line.\n\n"
    "</details>\n\n---\n\n"
    "## Card Paper Two\n\n![](https://img.shields.io/badge/LLM-FF8C00)\n\n"
    "> 一句话总结。\n\n"
    "**Authors:** Solo | **Date:** 2025-05-31\n\n"
    "**Link:** [http://arxiv.org/abs/2505.20001v3](http://arxiv.org/abs/2505.20001v3)\n\n"
    "<details><summary>Abstract</summary>One-line abstract inside the tags.</details>\n\n---\n";

} // namespace lectern::test
