"""Boilerplate: the page furniture that scrapers leave around an article.

Every rule here removes text, so each one is narrow and says why in its
message. A line is removed whole only when all of it is furniture (a share
call, a row of icons, a byline, a date); inside a body line only a trailing
photo credit is cut (``... military solution. Photo: EFE.``). Lines that match
a user's ``keep-patterns`` are never touched.

Three passes, each linear in the number of lines:

1. Phrase rules, line by line (BOI001-BOI008, BOI010-BOI016): a line is
   furniture by its words, in twelve languages (``data/boilerplate.toml`` and
   ``data/dates.toml``, compiled in ``boilerplate_lexicon.py``), and the teaser
   headlines under a related label go with it.
2. Captions that repeat a body line (BOI007) and trailing credits (BOI006).
3. Structure (``boilerplate_page.py``): where the article starts and ends,
   menu runs of short lines, teaser runs after the article, bylines without a
   label; rerun with the verbatim-repeat rule (BOI009) until nothing changes.

What is never removed, and why, is said next to each guard: the headline
(the line just before the first prose line), lists a line ending in ``:``
introduces, hard-wrapped paragraphs, quoted phrases, code and markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from ..document import Document, Line
from ..edits import looks_blank
from ..language import language_name, stopwords
from ..rules import Rule, rule
from ..user_patterns import MAX_LINE
from . import boilerplate_page as page
from .base import Context, Detector, Hit
from .boilerplate_lexicon import COPYRIGHT_MARK, Lexicon, is_date_line, is_written_date, lexicon
from .textutil import DIGIT, HTML_COMMENT, core, ends_like_sentence, is_symbolic, lowered_words, shingles, words

SOCIAL_ICONS = rule(
    id="BOI001", name="social-icons", category="boilerplate", severity="warning",
    summary="A row of social-media icon tokens or network names: `icon-facebook icon-twitter icon-whatsapp`.",
    rationale="Share-button rows survive HTML-to-text conversion as CSS class names or network names; they are "
              "not prose and appear in every article of a site. A network's name alone on a line is a button only "
              "in a list under a share line (`この記事をシェアする` over `X（旧Twitter）` / `LINE`); elsewhere "
              "`Facebook` / `Instagram` / `TikTok` may be an article's own list and stays.",
    example="icon-facebook icon-twitter icon-whatsapp",
    fix="removes the line",
)
# What BOI002, BOI013 and BOI014 leave alone (_keep_section_headings).
_SECTION_HEADINGS_STAY = (" A Markdown heading named like furniture heads a section when the line under it "
                          "speaks of what it names (a style guide's `## Comments` over \"Comments should be "
                          "complete sentences.\", an API reference's over `GET /v2/posts/{id}/comments`): "
                          "it stays.")
SHARE_LINE = rule(
    id="BOI002", name="share-line", category="boilerplate", severity="warning",
    summary="A share, follow, subscribe or newsletter call to action: `🔗 Comparte este artículo`, "
            "`Sign up for our free morning newsletter ...`.",
    rationale="Calls to action are site furniture in any language; whole-line phrases and line openings "
              "(`Suscríbete a`, `Melden Sie sich für`, `メールマガジンに登録`) for 27 languages live in "
              "data/boilerplate.toml [share] and [cta]. A line that opens like one but quotes a speaker after "
              "its last comma is news and stays: `Sign up for the new winter vaccine opened on Monday ..., the "
              "health department said.` ([attribution]). An opener that begins everyday sentences too "
              "(`Sign up for`, `Apúntate a`; [cta_open_ended]) must name what a site sends, a newsletter, "
              "alerts, an app ([cta_object]): a bulletin's `Sign up for the Lenten soup lunches ...` stays. "
              "A share phrase joined to network names by short words ([share_connectors]) is a button in either "
              "order: `شارك على فيسبوك`, `Facebook'ta paylaş`; `Share your story on Instagram` is a sentence."
              + _SECTION_HEADINGS_STAY,
    example="🔗 Comparte este artículo",
    fix="removes the line",
)
RELATED_TEASER = rule(
    id="BOI003", name="related-teaser", category="boilerplate", severity="warning",
    summary="A `RELATED:` / `Read more` label and the teaser headline of another article under it.",
    rationale="Teasers link to other stories; the headline under `RELATED:` (`Venezuela Strengthens Security "
              "Alliances With Netherlands and Russia`) belongs to a different article. A headline opens on a "
              "capital (or a brand's `iPhone`); a glossary's cross-references, lowercase terms between commas, "
              "stay: `Related: flood, slack water`, `See also: breakwater, sea wall`. So does a list holding "
              "markup or an API's paths (`- POST /v2/posts/{post_id}/comments`): documentation, not teasers. "
              "The list ends at the article's next section heading: a line a third shorter than the teasers "
              "above it, over two lines of prose, on a page that heads its sections so (`Fonte de renda "
              "ameaçada` after `LEIA TAMBÉM` and its headlines).",
    example="RELATED:\\nVenezuela Strengthens Security Alliances With Netherlands and Russia",
    fix="removes the label line and the teaser lines under it (headlines without final punctuation, each "
        "maybe numbered or followed by its date, up to 10), and runs of three or more headlines after the article",
)
BYLINE = rule(
    id="BOI004", name="byline", category="boilerplate", severity="warning",
    summary="A byline or author line: `Author: HGV`, `By Jane Smith`, `Rachel Kim | Staff Reporter`.",
    rationale="Author credits are metadata, not article text. Without a label, a two- or three-word "
              "capitalised name and a short role after `,`, `|` or `/` is a byline only where bylines stand: "
              "before the article's first paragraph or after its last. A credit of a work is content: "
              "`Written by ...` in a film review's block of credits (one holding `Directed by` or `Starring`) "
              "or under a man page's AUTHOR heading stays. So does a byline, a date or a source among three "
              "or more field lines in a row (`Label: value`) one of which no rule removes: a book notice's "
              "`Yazar: ...` over `Yayınevi: ...`, a git log's `Author:` and `Date:`. The author's bio goes too: the "
              "article's last prose line when it opens with every name-like word of a byline's field above the "
              "article (`By Hannah Price | ...` over, `Hannah Price is a freelance journalist ...` under it); a "
              "closing paragraph opening with the byline's role (`Economics professors ...` under `By Laura "
              "Bennett, Economics Correspondent`) stays. On a forum thread (see BOI014) a "
              "member's fields (`Medlem sedan: 2021`, `Inlägg: 38`; [forum_fields]) and the name over them go "
              "too. A reStructuredText "
              "field (`:Author: Jane Doe`, `:Date: 2024-03-01`) is the document's docinfo, not a byline or a "
              "date line. Name-and-role lines "
              "three or more in a row, or under a line ending in a colon, are a list of people (a board's "
              "`Eva Lindqvist, ordförande` / `Mohammed Haddad, kassör` / ...), not bylines.",
    example="Author: HGV",
    fix="removes the line",
)
SOURCE_CREDIT = rule(
    id="BOI005", name="source-credit", category="boilerplate", severity="warning",
    summary="A source or agency credit line: `Source: Agencias`.",
    rationale="Source credits are metadata; they repeat on every article from the same wire. A source "
              "under rows of figures (`2024: 19 fines`, a Markdown table's `| 2024 | 3.1 |`) is the table's "
              "and stays.",
    example="Source: Agencias",
    fix="removes the line",
)
PHOTO_CREDIT = rule(
    id="BOI006", name="photo-credit", category="boilerplate", severity="warning",
    summary="A photo, image or video credit, as its own line or trailing a caption: `... Photo: EFE.`",
    rationale="Credits belong to images that are no longer there; a trailing `Photo: EFE.` glued to a "
              "caption line is cut without touching the caption's sentence.",
    example="... compared to previous strategies that sought only a military solution. Photo: EFE.",
    fix="removes the credit (the whole line when it is only a credit)",
)
PHOTO_CAPTION = rule(
    id="BOI007", name="photo-caption", category="boilerplate", severity="warning",
    summary="A photo caption that repeats a body sentence and ends in a credit.",
    rationale="Sites caption the lead photo with a sentence lifted from the article; once the photo is gone the "
              "caption is a near-duplicate of a body paragraph. Removed only when it carries a credit AND at "
              "least half of its word trigrams occur in another line.",
    example="For the Russian government, the fact that ... a military solution. Photo: EFE.",
    fix="removes the line",
)
DATE_LINE = rule(
    id="BOI008", name="date-line", category="boilerplate", severity="warning",
    summary="A line holding only a date, time or publication metadata: `Fri Jan 16 2026`, ` date 2026-01-16 `.",
    rationale="Timestamps and 'Published ... Updated ...' lines are page metadata; every token on the line "
              "must be a date, time, month, weekday or label word (data/dates.toml), and no figure may be one no "
              "date holds (three digits, a decimal comma: a table's `Febrero: 652,1` is data). Dates that head "
              "entries are content and kept: bare dates (no label, no clock time), all different, each over a "
              "paragraph that holds a sentence, when there are two or more, or one among bare years heading "
              "entries, as in a diary, a lab notebook or a timeline. So is a letter's date: short lines above a salutation "
              "near the top (`Dear Mr Carter,`, `Sehr geehrte Frau Vogel,`; data/boilerplate.toml [letter]) "
              "are the letter's heading. A bare date is also kept over a log's entries (three or more lines "
              "opening with a time, `[0902] Arrived at summit.`), and among the short lines under a closing "
              "formula (`Yours sincerely,`, `特此公告。`; [closing]): a signed letter's or notice's date. On a "
              "page where no phrase names other furniture, a date written out is the text's own and stays "
              "(minutes' `12 maart 2025`): its month named in full, no clock time (`10 Uhr`, `10時`; [clock]), "
              "no relative time, no publishing label (`Published`, `Aktualisiert`; [published]) and no name cut "
              "short (`Fri Jan 16 2026`; [abbreviations]). Where bylines stand, a line of two to five short "
              "fields between bars or dots, one a date or reading time, is a page's metadata line too: `Jana "
              "Marková | 28. srpna 2024 | 6:00`, `Pubblicato il 2 febbraio 2024 da Marta | 4 commenti`, unless a line of "
              "as many fields stands next to it (a table).",
    example="January 16, 2026 Hour: 3:59 pm",
    fix="removes the line",
)
DUPLICATE_LINE = rule(
    id="BOI009", name="duplicate-line", category="boilerplate", severity="warning",
    summary="A line that repeats an earlier line verbatim (3+ words): later copies are removed.",
    rationale="Verbatim repeats of whole lines are scraping artefacts (a block captured twice, a footer "
              "repeated); the first copy is kept. Refrains are not: a line repeated inside a stanza (3+ lines "
              "under 80 characters, at least half of them different and under 60) or anywhere in a text that "
              "is mostly stanzas is kept. So is a repeat that a sentence of its own introduces (a line of 4+ "
              "words ending in `:` that occurs once): a liturgy's \"the congregation responds again:\". So is "
              "a repeat in another section of a document (a Markdown heading that occurs once stands between "
              "the copies: an API reference's `A list of items.` under two `## Returns`), or under a question "
              "asked once (an FAQ's answer to two questions), or a numbered line that repeats an entry of a "
              "numbered list of contents over the section's text (a leaflet's `1. Qu'est-ce que ... ?`).",
    example="Subscribe to our newsletter for daily updates. (second time)",
    fix="removes the repeated line",
)
CUSTOM_PATTERN = rule(
    id="BOI010", name="custom-pattern", category="boilerplate", severity="warning",
    summary="A line matching one of the configuration's `boilerplate-patterns`.",
    rationale="Every site has furniture no general rule knows; users add regular expressions for it. A pattern "
              "is searched in each line of at most 2,000 characters (furniture is short); `keep-patterns` read "
              "the first 2,000 characters of every line. A pattern that can take exponential time, a repeated "
              "group whose only required part is an unbounded repeat (`(\\w+\\s?)*$`), is refused when the "
              "configuration loads, with a rewrite to use instead.",
    example='boilerplate-patterns = ["^Advertisement$"]',
    fix="removes the line",
)

NAVIGATION = rule(
    id="BOI011", name="navigation", category="boilerplate", severity="warning",
    summary="Site navigation: a menu run of short lines, a breadcrumb trail, an account or footer link.",
    rationale="A page dump puts every menu item on its own line (`News`, `World`, `Sport`, ...); three or more "
              "short lines without final punctuation in a row, outside the article, are a menu in any language. "
              "Breadcrumbs (`Home › World › Europe`) and account or legal links (`Sign in`, `Privacy policy`, "
              "`Impressum`) are furniture too (data/boilerplate.toml [nav]). A menu path that a sentence above "
              "introduces is an instruction and stays: \"In Firefox, go to:\" over `Settings > Privacy & "
              "Security`; \"You are here:\" over a breadcrumb is no sentence. A letter's address above its "
              "salutation (`14 Rose Terrace` / `Bath BA1 5NP` / `4 February 2026` / `Dear Mr Carter,`) is "
              "no menu either, nor is a run of short lines half of which hold figures: a recipe's `50 g jäst` / "
              "`5 dl mjölk`, a table's `Febrero: 652,1`. The last short line of a run stays when it heads a "
              "list of three longer lines without final punctuation, as `Key points:` would (`Live` / "
              "`Last updated 5 minutes ago` / `Key points` over the live page's three points). A line of cells "
              "between bars next to a line of as many cells, one of the two holding a figure, is a table's row, "
              "not a one-line menu (`Age group | Utterances | Code-switched` over `18-30 | 410 | 37%`); nor is a "
              "line one of whose segments is a date (`Premiere · 14 March 2025 · Main stage`).",
    example="Homepage » Lifestyle",
    fix="removes the line (each line of a menu run)",
)
CONSENT_LEGAL = rule(
    id="BOI012", name="consent-legal", category="boilerplate", severity="warning",
    summary="A cookie or consent banner, or a copyright line: `We use cookies to improve your experience.`",
    rationale="Consent banners speak about the site's own cookies (`Utilizamos cookies propias y de terceros ...`): "
              "a line holding a consent phrase must also name the site, the browser, consent or privacy "
              "(data/boilerplate.toml [consent_context]) unless it is the bare phrase (`We use cookies.`), so a "
              "recipe's `We use cookies made with brown butter ...` stays. Copyright lines carry `©` or `All "
              "rights reserved`; neither is article text even when it is a full sentence, which is why a "
              "punctuation rule like C4's keeps them. A licence's own copyright "
              "notice stays: a text that holds a licence's grant (\"Permission is hereby granted, free of "
              "charge\") keeps its copyright lines, and so does a README's or a man page's licence section "
              "(`## License`, `COPYRIGHT`; data/boilerplate.toml [licence] section_heads). A sentence that "
              "goes on from a notice's words without `©` (`4.2 All rights reserved by the Licensor under "
              "clause 4 remain with ...`) is kept when the text goes on after it.",
    example="By continuing to browse this site, you agree to our use of cookies.",
    fix="removes the line",
)
AD_LABEL = rule(
    id="BOI013", name="ad-label", category="boilerplate", severity="warning",
    summary="An advertisement label on its own line (`Advertisement`, `Publicidad`, `Реклама`, `広告`) or an "
            "affiliate or sponsorship disclosure (`This post may contain affiliate links.`).",
    rationale="Ad slots leave their label behind when the ad itself is not text. Disclosures are the site's, "
              "the same on every page: a phrase that says the page itself carries affiliate links or promotion "
              "(data/boilerplate.toml [disclosure], 27 languages), so a sentence about affiliate marketing, or "
              "one quoting a disclosure, stays." + _SECTION_HEADINGS_STAY,
    example="Story continues below advertisement",
    fix="removes the line",
)
COMMENT_PROMPT = rule(
    id="BOI014", name="comment-prompt", category="boilerplate", severity="warning",
    summary="A comment prompt or counter, `Leave a comment`, `Comments (12)`, `12条评论`, or a forum post's "
            "button: `Reply`, `Quote`, `Gilla (12)`.",
    rationale="Comment widgets are page furniture; the count changes every time the page is scraped. A word "
              "in parentheses alone is a transcript's aside, not a counter: a parliamentary record's `(Commenti)`. "
              "A forum's buttons ([forum_buttons]) go only from a thread: a page where two buttons or member "
              "fields occur twice or more each; a FAQ's `Svar` over each answer stays."
              + _SECTION_HEADINGS_STAY,
    example="Comments (34)",
    fix="removes the line",
)
TAG_LIST = rule(
    id="BOI015", name="tag-list", category="boilerplate", severity="warning",
    summary="A tag or topic list: `Tags: Economy, Inflation, Interest rates`.",
    rationale="Tag lists are links to index pages; the value must be a list of short capitalised names, so "
              "`Topics: the committee discussed three issues.` stays.",
    example="Etiquetas: Sanidad, Economía, Madrid",
    fix="removes the line",
)
LINK_LINE = rule(
    id="BOI016", name="link-line", category="boilerplate", severity="warning",
    summary="An emoji-led link line (`👉 https://t.me/channel`), or a URL-only line outside the article.",
    rationale="Emoji-led promotion lines and bare links before or after the article are what is left of "
              "buttons and banners. Inside the article a bare URL is a reference (documentation cites "
              "`https://www.unicode.org/Public/...` on its own line), and a URL a line ending in `:` "
              "introduces is content: both stay. So does a DOI link (`https://doi.org/10.5555/...`), which "
              "names a publication: under a reference list's last entry it is that entry's.",
    example="👉 https://t.me/example_channel",
    fix="removes the line",
)
COUNTER_LINE = rule(
    id="BOI017", name="counter-line", category="boilerplate", severity="warning",
    summary="A view, read or rating counter on its own line: `Bu haber 3.412 kez okundu.`, `12,408 views`, "
            "`★★★★★ 4.9 from 311 votes`, `阅读 1234`.",
    rationale="Counters are widgets: the figure changes every time the page is scraped, so the same article "
              "scraped twice differs by them, and no text is about them. The whole line must be a counter of "
              "data/boilerplate.toml [counters] (27 languages) with its figure: `Views` alone is a heading, and "
              "`The video passed 3 million views in a day.` is a sentence.",
    example="Bu haber 3.412 kez okundu.",
    fix="removes the line",
)
PAGE_WIDGET = rule(
    id="BOI018", name="page-widget", category="boilerplate", severity="warning",
    summary="A page widget's label or prompt: an audio player's `Listen to this article`, a shop's `Add to cart`, "
            "a recipe card's `Jump to Recipe`, "
            "a feedback question (`Was this page helpful?`) with its `Yes` / `No`, an error-report prompt "
            "(`Found an error? Select it and press Ctrl+Enter.`).",
    rationale="These are the visible text of buttons and forms around an article or a product; a scraper keeps "
              "them as lines, and no text is about them. A label must be the whole line and in "
              "data/boilerplate.toml [widgets] or [feedback] (29 languages): `Listen` or `Available` alone may "
              "be a heading. `Yes` and `No` go only under a feedback question. An error prompt's question must "
              "be a phrase of [error_prompts] alone (`Found an error in your tax return?` is advice's), followed "
              "by an instruction to contact the site ([error_contact], an e-mail address or Ctrl+Enter): "
              "`Found an error? Check the stack trace first.` opens a tutorial's paragraph.",
    example="Found an error? Select it and press Ctrl+Enter.",
    fix="removes the line",
)

# CSS-class residue of icon fonts: icon-facebook, fa-twitter, fab fa-whatsapp, social-x.
_ICON_TOKEN = re.compile(r"(?:icon|ico|fa|fab|fas|far|glyphicon|social|share|btn)[-_][a-z0-9][a-z0-9_-]*", re.I)
_MAX_LABEL_VALUE_WORDS = 8
_MAX_TEASER_LINES = 10
_SECTION_WINDOW = 60  # lines above a teaser list searched for the article's own section headings
_MAX_ROUNDS = 4
_POSTINGS_CAP = 3
_CAPTION_WINDOW = 200
# **bold**, `code`, [link](url), an API's path `/v2/posts/{post_id}`: documentation, not a teaser
_MARKUP = re.compile(r"\*\*|`|\]\(|\{\w+\}|(?:^|\s)/\w[\w.-]*/")
# A reStructuredText or Markdown heading's underline: `Function definitions` / `====`.
_UNDERLINE = re.compile(r"\s*(?:={3,}|-{3,}|~{3,}|\^{3,}|\*{3,}|#{3,})\s*")
_LABEL_SEPARATOR = re.compile(r"[:：/／|.]")
_BY_WORDS = frozenset(("by", "written", "story", "words", "por", "par", "von", "di", "a"))
_MAX_SHORT_WORDS = 24  # longer lines are sentences: a teaser has at most 20 words, a label and a credit fewer
_MAX_CTA_WORDS = 30
_MAX_CONSENT_WORDS = 80
_MAX_REPUBLISHED_WORDS = 40  # "This article is republished from The Conversation under a Creative Commons license. ..."
_MAX_FEEDBACK_ANSWERS = 4  # `Yes` / `No`, or `Yes` / `Somewhat` / `No`, under a feedback question
_MAX_DISCLOSURE_WORDS = 60  # "This post may contain affiliate links. As an Amazon Associate I earn ... Please read my policy."
# "We use cookies." alone on a line is a banner; a longer line must speak
# about the site (data/boilerplate.toml [consent_context]).
_BARE_BANNER_WORDS = 4
_MAX_COPYRIGHT_WORDS = 40
# Counters and brackets around a phrase: "Comments (12)", "47 comments", "12条评论".
_COUNTER = re.compile(r"[\d()\[\]（）]+")
# A word in parentheses and nothing else is a transcript's aside, not a
# counter: the Italian Chamber's record notes `(Commenti)` and `(Applausi)`
# between speeches; a counter holds its figure, `Comments (14)`, `(14)`.
_ASIDE = re.compile(r"[(（][^\d()（）]+[)）]")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+")
_URL_LINE = re.compile(r"^\W{0,3}(?:https?://|www\.)\S+$", re.I)
_LINK = re.compile(r"https?://|www\.|(?<!\w)@\w", re.I)
# A DOI names a publication: under a reference list's last entry it is that
# entry's link (`https://doi.org/10.5555/ejr.2020.0312`), never a button.
_DOI = re.compile(r"\bdoi\.org/10\.\d", re.I)
# Chinese and Japanese credits: `记者 张伟`, `新华社记者 王强 摄`, `文/王强`, `佐藤花子記者`, `社会部 鈴木一郎`.
# `文` (text by) opens the line and a separator follows it: it is also the
# first half of 文章 (article), and `如何提高公众号文章的转发率` is a headline.
_CJK_CREDIT = re.compile(
    r"^[^\s，。、]{0,12}(?:记者|記者|通讯员|摄影|撮影|編集部|编辑|社会部|経済部|政治部|編集委員)"
    r"(?:\s*[:：/／]?\s*[^\s，。、]{1,10}(?:\s*摄)?)?$"
    r"|^文\s*[:：/／|｜]\s*[^\s，。、]{1,10}$"
)
_TAG_SPLIT = re.compile(r"\s*[,;、，|·•]\s*")


def _wrapped_without(lines: list[Line], unwrapped: list[page.Shape], whole: dict[int, Hit],
                     vocab: list[list[str]], stop: frozenset[str]) -> list[page.Shape]:
    """The shapes of the lines as the cleaned text will join them into wrapped
    paragraphs, without the lines removed whole: a byline between `It is
    pertinent to mention that` and `16 de enero de 2026...` kept the two apart,
    and once it was gone a second pass read them as one paragraph of prose, an
    article, and removed a URL line below it as outside the article (found by
    the fuzzer)."""
    staying = [i for i in range(len(lines)) if i not in whole]
    shapes = list(unwrapped)
    joined = [unwrapped[i] for i in staying]
    page.join_wrapped([lines[i].text for i in staying], joined, [vocab[i] for i in staying], stop)
    for i, shape in zip(staying, joined, strict=True):
        shapes[i] = shape
    return shapes


def _without_inline(doc: Document, inline: list[Hit], whole: dict[int, Hit], unwrapped: list[page.Shape],
                    vocab: list[list[str]], stop: frozenset[str],
                    cjk_page: bool) -> tuple[list[Line], list[page.Shape], list[list[str]]]:
    """The lines, their shapes and words as the structure rules must read them:
    without the credits cut from their ends. `o E.o:E.Photo:E.P E.` read as
    another line than `o E.o:E.`, which is all a second pass sees of it, and
    the article around it ended elsewhere: the URL line above it went only on
    the second pass (found by the fuzzer). A whole-line hit still spans the
    line as it is. A caption removed whole is left as it is: the duplicate
    rule must not read it, cut, as the body line it repeats."""
    lines, unwrapped, vocab = list(doc.lines), list(unwrapped), list(vocab)
    for hit in inline:
        index = doc.line_index(hit.start)
        if index in whole:
            continue
        line = lines[index]
        text = line.text[: hit.start - line.start] + line.text[hit.end - line.start :]
        lines[index] = replace(line, text=text)
        vocab[index] = words(text.lower())
        unwrapped[index] = page.shape(text, vocab[index], stop, cjk_page)
    return lines, unwrapped, vocab


def _line_hit(line: Line, r, message: str, confidence: float) -> Hit:
    return Hit(r, line.start, line.end, message, "", confidence)


class BoilerplateDetector(Detector):
    name = "boilerplate"
    rules = (SOCIAL_ICONS, SHARE_LINE, RELATED_TEASER, BYLINE, SOURCE_CREDIT, PHOTO_CREDIT, PHOTO_CAPTION,
             DATE_LINE, DUPLICATE_LINE, CUSTOM_PATTERN, NAVIGATION, CONSENT_LEGAL, AD_LABEL, COMMENT_PROMPT,
             TAG_LIST, LINK_LINE, COUNTER_LINE, PAGE_WIDGET)

    def detect(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        lex = lexicon()
        keep = ctx.config.keep_res
        custom = ctx.config.boilerplate_res
        whole: dict[int, Hit] = {}
        inline: list[Hit] = []
        lines = doc.lines
        code = ctx.code_lines
        # Without keep-patterns (the default) a line is kept unless it is code:
        # no generator per line to try none.
        kept = ([index not in code and not any(p.search(line.text, 0, MAX_LINE) for p in keep)
                 for index, line in enumerate(lines)] if keep else
                [index not in code for index in range(len(lines))])
        stop = stopwords(ctx.language)
        # Each line's lowercased words, computed once: the shape, the phrase
        # gates and the stopword density all read them.
        vocab = lowered_words(doc)
        cjk_page = page.is_cjk(doc.text)
        unwrapped = [page.shape(line.text, vocab[i], stop, cjk_page) for i, line in enumerate(lines)]
        shapes = list(unwrapped)
        page.join_wrapped([line.text for line in lines], shapes, vocab, stop)

        # Labels whose search found no teaser, set aside as headings, with the
        # line that ended the search: if a later rule removes that line, the
        # search goes on past it (see _headings_resolved).
        headings: list[tuple[dict[int, Hit], int]] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            if shapes[index] is page.BLANK or not kept[index]:
                index += 1
                continue
            # A line of a hard-wrapped sentence is never furniture on its own:
            # Python's docs end a paragraph on the line `recommended.` (A
            # headline "continued" by `icon-facebook icon-twitter` is no sentence.)
            wrapped = shapes[index].wrapped and shapes[index].prose
            hit = (custom and self._custom(line, custom)) or (None if wrapped else
                                                               self._phrase_hit(lines, shapes, whole, index, lex, vocab))
            if hit is not None:
                whole[index] = hit
                if hit.rule is SHARE_LINE or hit.rule is SOCIAL_ICONS or hit.rule is PAGE_WIDGET:
                    index = _buttons_under(lines, shapes, kept, whole, index, lex)
                    continue
                if hit.rule is RELATED_TEASER and not _has_inline_teaser(line.text, lex):
                    following, found, labels = self._teasers(lines, shapes, index + 1, kept, whole, lex, vocab)
                    if not found:
                        # A label with no teaser under it is a heading: Python's
                        # docs write "See also:" above indented references. So is
                        # every label the search passed: each would search the same
                        # lines and find none, and searching again from each was
                        # quadratic on a page of 100,000 `RELATED:` lines.
                        headings.append((self._set_aside([index, *labels], lines, whole, custom), following))
                        index = max(following, index + 1)
                        continue
                    index = following
                    continue
            index += 1
        _forum_furniture(lines, shapes, whole, kept, lex)
        if whole:
            self._unwrapped_by_removals(lines, unwrapped, shapes, whole, kept, lex, vocab, stop)

        # Read before the structure rules run, from what the phrases found: a
        # second pass, without the lines this one removes, reads it alike.
        furnished = any(hit.rule is not DATE_LINE for hit in whole.values())
        date_headings = _keep_date_headings(lines, shapes, whole, lex, furnished)
        record_fields = _keep_record_fields(lines, shapes, whole)
        _keep_licence_notices(doc, lines, shapes, whole, lex)
        _keep_credits_of_works(lines, shapes, whole, lex)
        _keep_letter_heading(lines, shapes, whole, kept, lex)
        _keep_section_headings(lines, shapes, whole)
        _keep_sources_of_figures(lines, shapes, whole)
        self._captions(lines, whole, inline, kept, lex, vocab)
        # The structure rules read where the article ends, and a repeated last
        # paragraph moves that end: rerun both until nothing changes, so that a
        # second pass over the cleaned text finds what this one found
        # (idempotence). Two rounds in practice, each linear.
        if inline:
            lines, unwrapped, vocab = _without_inline(doc, inline, whole, unwrapped, vocab, stop, cjk_page)
        for _ in range(_MAX_ROUNDS):
            shapes = _wrapped_without(lines, unwrapped, whole, vocab, stop) if whole or inline else shapes
            self._structure(lines, shapes, whole, kept, lex)
            _author_bio(lines, shapes, whole, kept, lex)
            removed = len(whole)
            self._duplicates(lines, whole, kept, vocab)
            headings = self._headings_resolved(lines, shapes, headings, kept, whole, lex, vocab, custom)
            date_headings = _date_headings_settled(lines, shapes, whole, date_headings, lex, furnished)
            record_fields = _record_fields_settled(lines, shapes, whole, record_fields)
            if len(whole) == removed:  # no new repeat or teaser: the structure rules saw the final page
                break
        ctx.removed_lines.update(i for i, h in whole.items() if ctx.wants(h.rule))
        return [*whole.values(), *inline]

    def _unwrapped_by_removals(self, lines: list[Line], unwrapped: list[page.Shape], shapes: list[page.Shape],
                               whole: dict[int, Hit], kept: list[bool], lex: Lexicon, vocab: list[list[str]],
                               stop: frozenset[str]) -> None:
        """The phrase rules for lines they passed over as a line of wrapped prose
        that is no such line once the removed lines are gone. In `... mention
        that_` / `Autor:H` / `16cCOVIDde la que el ... artículo` / `9 de enero
        de 20`, the byline kept the first line apart, so the last two read as
        one wrapped sentence and the date line was not judged; without the
        byline the three lines join into no sentence, and a second pass
        removed the date line (found by the fuzzer). Each round is linear."""
        passed = [i for i, shape in enumerate(shapes) if shape.wrapped and shape.prose and kept[i] and i not in whole]
        for _ in range(_MAX_ROUNDS if passed else 0):
            joined = _wrapped_without(lines, unwrapped, whole, vocab, stop)
            unjoined = [i for i in passed if i not in whole and not (joined[i].wrapped and joined[i].prose)]
            found = False
            for index in unjoined:
                line = lines[index]
                if index in whole:  # a button under a share line found just above
                    continue
                hit = self._phrase_hit(lines, joined, whole, index, lex, vocab)
                if hit is None or (hit.rule is RELATED_TEASER and not _has_inline_teaser(line.text, lex)):
                    continue  # a label needs its teaser search, which reads the lines as the first pass did
                whole[index] = hit
                if hit.rule is SHARE_LINE or hit.rule is SOCIAL_ICONS or hit.rule is PAGE_WIDGET:
                    # As in the first pass: a second pass finds this share line in it, and its buttons with it.
                    _buttons_under(lines, joined, kept, whole, index, lex)
                found = True
            if not found:
                return
            passed = [i for i in passed if i not in unjoined]

    # -- whole-line rules -------------------------------------------------
    def _phrase_hit(self, lines: list[Line], shapes: list[page.Shape], whole: dict[int, Hit], index: int,
                    lex: Lexicon, vocab: list[list[str]]) -> Hit | None:
        """What the phrase rules find on line ``index``, less a link or a menu
        path that the line above introduces (_introduced)."""
        hit = self._classify(lines[index], lex, vocab[index])
        if hit is not None and hit.rule in (LINK_LINE, NAVIGATION) and (_introduced(lines, shapes, whole, index, hit.rule)
                                                                        or _table_row(lines, index)):
            return None
        return hit

    def _custom(self, line: Line, patterns) -> Hit | None:
        if len(line.text) > MAX_LINE:  # furniture is short, and user patterns run within a bound
            return None
        for pattern in patterns:
            if pattern.search(line.text):
                return _line_hit(line, CUSTOM_PATTERN, f"line matches boilerplate-patterns entry {pattern.pattern!r}", 1.0)
        return None

    def _classify(self, line: Line, lex: Lexicon, tokens: list[str]) -> Hit | None:
        # An HTML comment is invisible markup: `Share this article <!-- cleanse: ignore[TRN002] -->`
        # is still a share line, and rules must agree on what a line says.
        text = (HTML_COMMENT.sub("", line.text) if "<!--" in line.text else line.text).strip()
        if len(text) > 600 or (text.startswith(":") and _RST_FIELD.match(text)):
            return None
        cjk = page.is_cjk(text)
        consent = cjk or not lex.consent_words.isdisjoint(tokens)
        # Only `(` lowers to `(`: a line without one holds no `(c)` lowered.
        legal = (cjk or "©" in text or ("(" in text and "(c)" in text.lower())
                 or not lex.copyright_words.isdisjoint(tokens))
        first = tokens[0] if tokens else ""
        cta = cjk or first in lex.cta_first
        if len(text) > 200 and not (consent or legal or cta):
            return None  # a body line: no rule below can take it, and its words need no count
        count = len(text.split())
        if (consent and count <= _MAX_CONSENT_WORDS and _unquoted(lex.consent_re.search(text), text)
                and (count <= _BARE_BANNER_WORDS or lex.consent_context_re.search(text))):
            return _line_hit(line, CONSENT_LEGAL, f"cookie/consent banner: {text[:60]!r}", 0.9)
        if ((cjk or not lex.disclosure_words.isdisjoint(tokens)) and count <= _MAX_DISCLOSURE_WORDS
                and _unquoted(lex.disclosure_re.search(text), text)):
            return _line_hit(line, AD_LABEL, f"affiliate/sponsorship disclosure: {text[:60]!r}", 0.85)
        if first in lex.error_prompt_first and count <= _MAX_CTA_WORDS:
            match = lex.error_prompt_re.match(text)
            if match and lex.error_contact_re.search(match.group("rest")):
                return _line_hit(line, PAGE_WIDGET, f"error-report/tip prompt: {text[:60]!r}", 0.85)
        if first in lex.republished_first and count <= _MAX_REPUBLISHED_WORDS and lex.republished_re.match(text):
            return _line_hit(line, SOURCE_CREDIT, f"republication note: {text[:60]!r}", 0.85)
        if count > _MAX_SHORT_WORDS or len(text) > 200:
            # Most body lines end here: only calls to action and legal lines run
            # this long, and the short-line rules need not run at all.
            if cta and count <= _MAX_CTA_WORDS and _call_to_action(text, lex):
                return _line_hit(line, SHARE_LINE, f"newsletter/subscribe/follow call to action: {text[:60]!r}", 0.85)
            if legal and count <= _MAX_COPYRIGHT_WORDS and _unquoted(lex.copyright_re.search(text), text):
                return _line_hit(line, CONSENT_LEGAL, f"copyright line: {text[:60]!r}", 0.9)
            return None
        return self._short_line(line, text, count, cjk, legal, cta, first, lex)

    def _short_line(self, line: Line, text: str, count: int, cjk: bool, legal: bool, cta: bool, first: str,
                    lex: Lexicon) -> Hit | None:
        if text.endswith((",", ";")):
            return None  # an item of a sentence-long list ("* comments,"), never a label or a button
        key = _key(text)
        tokens = text.split()
        if tokens and all(_ICON_TOKEN.fullmatch(t) or t.lower().strip(":,|") in lex.social or is_symbolic(t) for t in tokens):
            icons = sum(1 for t in tokens if _ICON_TOKEN.fullmatch(t))
            names = [name for t in tokens if (name := t.lower().strip(":,|")) in lex.social]
            # Networks named by a Latin word of one or two letters (`ok`, `x`)
            # need a longer name beside them: a record's text `ok x` is no icon
            # row. (`微博 微信` are two characters each, and names.)
            if icons or (len(names) >= 2 and any(len(name) > 2 or not name.isascii() for name in names)):
                return _line_hit(line, SOCIAL_ICONS, f"row of social icons/network names: {text[:60]!r}", 0.95)
        if key in lex.share:
            return _line_hit(line, SHARE_LINE, f"share call to action ({language_name(lex.share[key])}): {text[:60]!r}", 0.95)
        head, sep, rest = key.partition(":")
        if (sep and head.strip() in lex.share and all(w in lex.social for w in rest.split())) or _share_to_network(key, lex):
            return _line_hit(line, SHARE_LINE, f"share call to action with network names: {text[:60]!r}", 0.95)
        if key in lex.related:
            return _line_hit(line, RELATED_TEASER, f"'{text}' label introducing a teaser for another article", 0.9)
        if _has_inline_teaser(text, lex):
            return _line_hit(line, RELATED_TEASER, f"teaser for another article: {text[:60]!r}", 0.85)
        if cta and _call_to_action(text, lex):
            return _line_hit(line, SHARE_LINE, f"newsletter/subscribe/follow call to action: {text[:60]!r}", 0.85)
        labelled = _labelled_credit(text, lex)
        if labelled:
            return _line_hit(line, labelled[0], f"{labelled[1]}: {text!r}", 0.9)
        if first in _BY_WORDS and lex.by_re.match(text):
            return _line_hit(line, BYLINE, f"byline: {text!r}", 0.85)
        match = lex.source_prefix_re.match(text) if first in lex.source_first else None
        if match and (not match.group("value").strip() or _credit_value(match.group("value"), lowercase_words=4)):
            return _line_hit(line, SOURCE_CREDIT, f"source credit: {text!r}", 0.85)
        if is_date_line(text, lex):
            return _line_hit(line, DATE_LINE, f"timestamp/metadata line: {text!r}", 0.9)
        if cjk and _CJK_CREDIT.match(text):
            return _line_hit(line, BYLINE, f"byline/photographer credit: {text!r}", 0.85)
        return self._furniture(line, text, key, count, legal, lex)

    def _furniture(self, line: Line, text: str, key: str, count: int, legal: bool, lex: Lexicon) -> Hit | None:
        """Page furniture known by its words: links, ad labels, comment prompts,
        copyright and tag lines, one-line menus."""
        if key in lex.nav:
            return _line_hit(line, NAVIGATION, f"navigation/footer link ({language_name(lex.nav[key])}): {text!r}", 0.9)
        bare = _COUNTER.sub(" ", key).strip()
        if bare in lex.ads:
            return _line_hit(line, AD_LABEL, f"advertisement label: {text!r}", 0.95)
        if bare in lex.comments and not _ASIDE.fullmatch(text):
            return _line_hit(line, COMMENT_PROMPT, f"comment prompt/counter: {text!r}", 0.9)
        if key in lex.widgets:
            return _line_hit(line, PAGE_WIDGET, f"page widget ({language_name(lex.widgets[key])}): {text!r}", 0.9)
        if key in lex.feedback:
            return _line_hit(line, PAGE_WIDGET, f"feedback question ({language_name(lex.feedback[key])}): {text!r}",
                             0.9)
        if count <= _MAX_COUNTER_WORDS and DIGIT.search(key) and _counted(key) in lex.counters:
            return _line_hit(line, COUNTER_LINE, f"view/read/rating counter: {text!r}", 0.9)
        if legal and count <= _MAX_COPYRIGHT_WORDS and _unquoted(lex.copyright_re.search(text), text):
            return _line_hit(line, CONSENT_LEGAL, f"copyright line: {text[:60]!r}", 0.9)
        match = lex.tags_re.match(text) if (":" in text or "：" in text) else None
        if match and _tag_values(match.group("value"), match.group("label").lower() in lex.lowercase_tag_labels):
            return _line_hit(line, TAG_LIST, f"tag list: {text[:60]!r}", 0.9)
        if page.segmented_nav(text, lex.home, in_zone=False) and not _dated_segment(text, lex):
            return _line_hit(line, NAVIGATION, f"breadcrumb/one-line menu: {text[:60]!r}", 0.85)
        if _emoji_led(text) and count <= 15 and (
                _LINK.search(text) or any(t.lower().strip(":,.!") in lex.social for t in text.split())):
            return _line_hit(line, LINK_LINE, f"emoji-led link line: {text[:60]!r}", 0.85)
        return None

    def _teasers(self, lines: list[Line], shapes: list[page.Shape], index: int, kept: list[bool],
                 whole: dict[int, Hit], lex: Lexicon, vocab: list[list[str]]) -> tuple[int, int, list[int]]:
        """Mark the teaser headlines under a related label (each may carry a
        number or be followed by its date); return the next index to classify,
        how many teasers were found and the further labels marked on the way.
        A line of a hard-wrapped paragraph, an indented line, a line with markup
        or a heading with an underline is not a teaser and ends the list.

        Lines that go anyway are passed over, as the cleaned text will not
        have them: a photo credit (`RELATED:` / `Photo: EFE.` / teaser), or a
        line of control characters only. Otherwise the label would be kept
        as a heading here, and removed with its teaser when the cleaned text
        is cleaned again (found by the idempotence property test)."""
        marked = found = 0
        labels: list[int] = []
        sizes: list[int] = []  # of the teasers marked, in characters
        passed_over = False
        while index < len(lines) and marked < _MAX_TEASER_LINES:
            line = lines[index]
            if line.is_blank or looks_blank(line.text):  # `\x00` alone: blank once cleaned
                index += 1
                continue
            if index in whole:  # removed by a rule that ran after the first search (_headings_resolved)
                index += 1
                passed_over = True
                continue
            text = _NUMBERED.sub("", line.text)
            if not kept[index]:
                break
            # As the main loop does: a line of wrapped prose is not classified.
            other = None if shapes[index].wrapped and shapes[index].prose else self._classify(line, lex, vocab[index])
            if other is not None and (other.rule is not RELATED_TEASER or _key(line.text) not in lex.related):
                # Goes anyway, even when indented: ` Fri Jan 16 2026` or a one-line
                # `RELATED: Headline` between the label and its teasers (found by the fuzzer).
                whole[index] = other
                index += 1
                passed_over = True
                continue
            if shapes[index].wrapped and not (passed_over and not self._continued(lines, shapes, index)) \
                    and not self._wrapped_only_into_furniture(lines, shapes, index, whole, lex, vocab):
                # A wrapped line is no teaser; but one that is wrapped only with a
                # line that goes anyway above it will not be, once that line is gone
                # (the fuzzer found `RELATED:` / `RELATED: Headline` / `headline`).
                break
            passed_over = False
            if line.text[:1].isspace() or _MARKUP.search(line.text):
                break
            if marked and is_date_line(line.text, lex):
                whole[index] = _line_hit(line, DATE_LINE, f"timestamp of a teaser: {line.text.strip()!r}", 0.85)
            elif _key(line.text) in lex.related:  # the next list's label: "Most read" after "Related"
                whole[index] = _line_hit(line, RELATED_TEASER, f"'{line.text.strip()}' label introducing teasers", 0.9)
                labels.append(index)
                marked = 0
            elif _looks_like_teaser(text) and not self._underlined(lines, index):
                if sizes and self._section_heading(lines, shapes, index, min(sizes), whole):
                    break
                message = f"teaser headline under a related-articles label: {line.text.strip()[:60]!r}"
                whole[index] = _line_hit(line, RELATED_TEASER, message, 0.85)
                sizes.append(len(line.text.strip()))
                marked += 1
                found += 1
            else:
                break
            index += 1
        return index, found, labels

    def _wrapped_only_into_furniture(self, lines: list[Line], shapes: list[page.Shape], index: int,
                                     whole: dict[int, Hit], lex: Lexicon, vocab: list[list[str]]) -> bool:
        """The line runs on only into the next line, and that line goes anyway
        (a phrase rule takes it, or a rule already removed it): `RELATED:` / a
        headline / `0 comments` read the headline and the comment counter as
        one wrapped sentence, so the label kept its teaser, and a second pass,
        without the counter, removed both (a reviewer's find)."""
        nxt = index + 1
        if index and self._continued(lines, shapes, index - 1):
            return False
        if not self._continued(lines, shapes, index) or self._continued(lines, shapes, nxt):
            return False
        return nxt in whole or self._classify(lines[nxt], lex, vocab[nxt]) is not None

    def _headings_resolved(self, lines: list[Line], shapes: list[page.Shape],
                           headings: list[tuple[dict[int, Hit], int]], kept: list[bool],
                           whole: dict[int, Hit], lex: Lexicon, vocab: list[list[str]],
                           custom: tuple[re.Pattern[str], ...]) -> list[tuple[dict[int, Hit], int]]:
        """Search again under the labels kept as headings whose search ended at
        a line a later rule removed; return the headings that stay headings.

        The fuzzer found `RELATED:` / `http://example.com/a?b=cRELATED:` /
        `http://example.com/a?b=c`: the second line ends the search, then goes
        as a URL line outside the article, and a second pass over the cleaned
        text finds the URL below it as the label's teaser. The search goes on
        past the removed line; if it finds teasers, the labels go with them.

        A heading whose stop an earlier search here went past is not searched
        again: that search read the same lines from there on (and marked its
        labels if it found teasers). Searching again from each of 100,000
        `RELATED:` / removed-line pairs would be quadratic."""
        remaining = []
        searched_to = -1
        for labels, stop in headings:
            # The stop itself went, or the line it was wrapped into did: `RELATED:`
            # / a headline / `https://example.com/news/123` read the headline as
            # wrapped prose until the URL went as a line outside the article.
            if (stop not in whole and stop + 1 not in whole) or stop < searched_to:
                remaining.append((labels, stop))
                continue
            following, found, more = self._teasers(lines, shapes, stop, kept, whole, lex, vocab)
            searched_to = following
            if found:
                whole.update(labels)
            else:
                labels.update(self._set_aside(more, lines, whole, custom))
                remaining.append((labels, following))
        return remaining

    def _set_aside(self, labels: list[int], lines: list[Line], whole: dict[int, Hit],
                   custom: tuple[re.Pattern[str], ...]) -> dict[int, Hit]:
        """Keep related labels that no teaser follows as headings (a line that a
        boilerplate-patterns entry matches still goes); return the label hits
        set aside, to restore if a teaser turns up after all."""
        aside = {}
        for label in labels:
            custom_hit = self._custom(lines[label], custom)
            if custom_hit is None:
                aside[label] = whole.pop(label)
            else:
                whole[label] = custom_hit
        return aside

    @staticmethod
    def _underlined(lines: list[Line], index: int) -> bool:
        """A line with an underline below it is a section heading (reStructuredText,
        Markdown): Python's docs put `Function definitions` / `====` after a
        "See also:" list."""
        nxt = index + 1
        return nxt < len(lines) and _UNDERLINE.fullmatch(lines[nxt].text) is not None

    @staticmethod
    def _section_heading(lines: list[Line], shapes: list[page.Shape], index: int, shortest_teaser: int,
                         whole: dict[int, Hit]) -> bool:
        """Whether the headline-shaped line at ``index``, reached after teasers,
        is the article's next section heading instead: a third shorter than
        every teaser above it, the section's paragraphs right under it (two
        lines of prose), and the page heads its sections so elsewhere (a
        headline over prose after the article has begun). Folha's `LEIA
        TAMBÉM` / `Incêndios no Pantanal já consumiram área equivalente a 5
        cidades de São Paulo` / `Governo anuncia brigadistas extras para
        Corumbá` / `Fonte de renda ameaçada` / `Em Porto da Manga, distrito de
        Corumbá, pescadores relatam ...`: the last headline is the section's,
        as `O que explica a seca` over prose nine lines above shows. A
        blog's `関連記事` list then `プロフィール` over the author's one-line
        bio has no section under it, and an English `Editor's picks` list's
        last teaser is as long as the others: both still go."""
        if 3 * len(lines[index].text.strip()) > 2 * shortest_teaser:
            return False
        first = page.next_line(shapes, index)
        second = page.next_line(shapes, first) if first >= 0 else -1
        if second < 0 or not (shapes[first].prose and shapes[second].prose):
            return False
        begun = False
        # Within the lines above, not the whole page: searched from every
        # teaser list of a page of 100,000 such lists, the page was quadratic.
        for other in range(max(0, index - _SECTION_WINDOW), index):
            if other in whole or shapes[other] is page.BLANK:
                continue
            if begun and shapes[other].headline:
                below = page.next_line(shapes, other)
                if below >= 0 and (shapes[below].prose or shapes[below].intro):
                    return True
            begun = begun or shapes[other].prose
        return False

    @staticmethod
    def _continued(lines: list[Line], shapes: list[page.Shape], index: int) -> bool:
        """Whether the line at ``index`` runs on into the next one (a wrapped paragraph)."""
        nxt = index + 1
        return nxt < len(lines) and page.continues(lines[index].text, lines[nxt].text, shapes[index], shapes[nxt])

    # -- structure rules --------------------------------------------------
    def _structure(self, lines: list[Line], shapes: list[page.Shape], whole: dict[int, Hit], kept: list[bool],
                   lex: Lexicon) -> None:
        """Rules that need the page around a line: bylines and menus outside
        the article, runs of short lines, teaser runs after the article."""
        zones = page.zones(shapes, set(whole))
        # The site's name stands above the menu and again in the copyright line:
        # `Daily Courier` ... `© 2026 Daily Courier. All rights reserved.`
        masthead = " ".join(lines[i].text for i, h in whole.items() if h.rule is CONSENT_LEGAL and i > zones.end)
        bylines = _name_role_bylines(lines, shapes, whole, kept, zones, lex)
        for index, line in enumerate(lines):
            if index in whole or not kept[index] or shapes[index] is page.BLANK:
                continue
            if zones.metadata(index) and _dated_fields(line.text, lex) and not _field_table(lines, index):
                # Even where the headline is looked for: a blog's disclosure
                # sentence over its title puts `Napsal Tomáš · 14. 2. 2024 · 5 min
                # čtení` just above the first prose line. No headline is a date
                # between bars.
                whole[index] = _line_hit(line, DATE_LINE, f"metadata line (short fields around a date): "
                                                          f"{line.text.strip()[:60]!r}", 0.8)
            elif index == zones.headline:
                continue
            elif index in bylines:
                whole[index] = _line_hit(line, BYLINE, f"byline (name and role): {line.text.strip()!r}", 0.8)
            elif zones.outside(index):
                if masthead and index < zones.start and line.text.strip() in masthead:
                    whole[index] = _line_hit(line, NAVIGATION, f"site name, repeated in the copyright line: {line.text.strip()!r}", 0.8)
                elif (page.segmented_nav(line.text, lex.home, in_zone=True) and not _dated_segment(line.text, lex)
                      and not _introduced(lines, shapes, whole, index, NAVIGATION) and not _table_row(lines, index)):
                    whole[index] = _line_hit(line, NAVIGATION, f"one-line menu: {line.text.strip()[:60]!r}", 0.8)
                elif (_URL_LINE.match(line.text.strip()) and not _DOI.search(line.text)
                      and not _introduced(lines, shapes, whole, index, LINK_LINE)):
                    # Only outside the article: in documentation a bare URL is a reference.
                    whole[index] = _line_hit(line, LINK_LINE, f"URL-only line outside the article: {line.text.strip()[:60]!r}", 0.8)

        def member(index: int, wanted: bool) -> bool:
            return index in whole or (kept[index] and wanted and index != zones.headline)

        if not zones.found:
            return  # no article to stand outside of: a poem or a phrase list is all short lines
        # Menus: three short lines in a row outside the article (five inside it,
        # where an in-body heading may stand next to an ad label and a teaser),
        # next to furniture a phrase rule found: a skip link, a breadcrumb, a
        # copyright line. A stanza of short lines after an article touches none.
        # Five or more above the headline are a menu on their own.
        nav = [member(i, s.nav) for i, s in enumerate(shapes)]
        for run in page.runs(shapes, nav):
            inside = any(zones.start <= i <= zones.end for i in run)
            if _figures(lines, run, whole, _FIGURE_OR_FIELD):
                continue
            head_menu = len(run) >= 5 and run[-1] < zones.start and not self._introduced(shapes, run, whole)
            if head_menu or (len(run) >= (5 if inside else 3) and self._furniture_run(shapes, run, whole)):
                heading = run[-1] if _heads_list(lines, shapes, run[-1], whole) else -1
                for i in run:
                    if i not in whole and i != heading:
                        whole[i] = _line_hit(lines[i], NAVIGATION,
                                             f"menu item in a run of {len(run)} short lines: {lines[i].text.strip()!r}", 0.8)
        # Teaser lists after the article without a known label: "Most shared"
        # and three headlines, each without final punctuation.
        tail = [i > zones.end and member(i, s.headline or s.nav) for i, s in enumerate(shapes)]
        for run in page.runs(shapes, tail):
            if len(run) >= 3 and self._furniture_run(shapes, run, whole) and not _figures(lines, run, whole, _DATA_ROW):
                for i in run:
                    if i not in whole:
                        whole[i] = _line_hit(lines[i], RELATED_TEASER,
                                             f"headline in a run of {len(run)} after the article: {lines[i].text.strip()[:60]!r}", 0.75)

    @staticmethod
    def _introduced(shapes: list[page.Shape], run: list[int], whole: dict[int, Hit]) -> bool:
        """A list that a kept line ending in ':' introduces is content: `Their advice for new bakers:`."""
        before = page.previous_line(shapes, run[0])
        return before >= 0 and shapes[before].intro and before not in whole

    @classmethod
    def _furniture_run(cls, shapes: list[page.Shape], run: list[int], whole: dict[int, Hit]) -> bool:
        """A run of short lines is furniture when it holds or touches a line a
        phrase rule removed and no line ending in ':' introduces it."""
        if cls._introduced(shapes, run, whole):
            return False
        before = page.previous_line(shapes, run[0])
        after = page.next_line(shapes, run[-1])
        return before in whole or after in whole or any(i in whole for i in run)

    # -- context rules ----------------------------------------------------
    def _captions(self, lines: list[Line], whole: dict[int, Hit], inline: list[Hit], kept: list[bool],
                  lex: Lexicon, vocab: list[list[str]]) -> None:
        trailing = lex.trailing_photo_re
        postings: dict[tuple[str, ...], list[int]] | None = None
        for index, line in enumerate(lines):
            if index in whole or not kept[index] or line.is_blank:
                continue
            # Every credit has a colon, 摄 or the abbreviation "Fot.": most lines
            # skip the search.
            if not _credit_mark(line.text):
                continue
            match = _trailing_credit(trailing, line.text)
            if not match:
                continue
            start = _chained_credits_start(trailing, line.text, match.start())
            credit = line.text[start:].strip()
            caption = line.text[:start].strip()
            labelled = _labelled_credit(caption, lex)
            if labelled:
                # Credits all the way: `Photo: EFE.Photo: EFE.` is a credit line, not a
                # caption `Photo: EFE.` with a credit after it that a second pass
                # would leave as a credit line and remove (found by the fuzzer).
                whole[index] = _line_hit(line, labelled[0], f"{labelled[1]} and a photo credit: {line.text.strip()!r}",
                                         0.9)
                continue
            caption_grams = shingles(words(caption.lower()))  # as the line words are made
            repeated: str | None = None
            if len(caption_grams) >= 5:
                if postings is None:
                    postings = _trigram_postings(vocab)
                best, best_index = _best_overlap(caption_grams, postings, index)
                if best >= 0.5:
                    repeated = f"repeats line {best_index + 1} ({best:.0%} of its word trigrams)"
            elif len(caption) >= 15:
                # Chinese and Japanese have no spaces, so too few "words" for
                # trigrams: the caption must then appear whole in a nearby line
                # (a window keeps a file of captions linear).
                window = range(max(0, index - _CAPTION_WINDOW), min(len(lines), index + _CAPTION_WINDOW))
                other = next((i for i in window if i != index and caption in lines[i].text), None)
                if other is not None:
                    repeated = f"repeats line {other + 1}"
            if repeated:
                whole[index] = _line_hit(line, PHOTO_CAPTION, f"photo caption ending in {credit!r} that {repeated}", 0.85)
            inline.append(Hit(PHOTO_CREDIT, line.start + start, line.start + match.end(),
                              f"photo credit {credit!r} trailing a caption", "", 0.9))

    def _duplicates(self, lines: list[Line], whole: dict[int, Hit], kept: list[bool], vocab: list[list[str]]) -> None:
        # Neighbours are the nearest lines not removed, so that a second pass
        # over the cleaned text decides the same way (idempotence); both are
        # tracked in linear time, a file may hold 200,000 lines.
        following = [""] * len(lines)
        nearest = ""
        for index in range(len(lines) - 1, -1, -1):
            following[index] = nearest
            if index not in whole:
                nearest = lines[index].text
        first_seen: dict[str, int] = {}
        previous = ""
        texts = [line.text.strip() for line in lines]
        # A text on one line only can neither repeat nor be repeated: the
        # shape checks run for the few that occur twice.
        occurrences = Counter(texts)
        refrains = _refrain_lines(texts, whole) if any(count > 1 for count in occurrences.values()) else None
        above = ""  # the nearest line above that stays and is not blank
        sections: list[int] = []  # headings that occur once: a repeat in another section is said again
        for index, line in enumerate(lines):
            text = texts[index]
            if text.startswith("#") and occurrences[text] == 1 and _MARKDOWN_HEADING.match(text):
                sections.append(index)
            if (text and occurrences[text] > 1 and len(vocab[index]) >= 3 and _prose_like(line.text)
                    and _standalone(line.text, previous, following[index]) and not (refrains and refrains[index])):
                if text not in first_seen:
                    first_seen[text] = index
                elif index not in whole and kept[index] and not _quoted_again(above, occurrences) \
                        and not (sections and sections[-1] > first_seen[text]) \
                        and not _answers_another_question(above, occurrences) \
                        and not _heads_listed_section(texts, first_seen[text], following[index]):
                    whole[index] = _line_hit(line, DUPLICATE_LINE,
                                             f"line repeats line {first_seen[text] + 1} verbatim", 0.9)
            if index not in whole:
                previous = text
                above = text or above


# A reStructuredText field list (`:Author: Jane Doe`, `:Date: 2024-03-01`) is
# the document's own docinfo, which Sphinx and docutils render: markup, not a
# page's byline or date line (a reviewer's find).
_RST_FIELD = re.compile(r":[^:\s][^:]*:(?:\s|$)")

# Documentation says a thing again under another heading: an API reference's
# `A list of items.` under `## Returns` of `## get_users` and of `## get_groups`.
# A block scraped twice repeats its headings too, and its repeats still go.
_MARKDOWN_HEADING = re.compile(r"#{1,6}\s+\S")


def _answers_another_question(above: str, occurrences: Counter[str]) -> bool:
    """A repeat under a question asked once is the answer to that question too:
    an FAQ's `Klicken Sie oben rechts auf „Anmelden“.` under `Wie melde ich
    mich an?` and again under `Wie ändere ich mein Passwort?`."""
    return above.endswith(("?", "？")) and occurrences[above] == 1


def _heads_listed_section(texts: list[str], first: int, below: str) -> bool:
    """A numbered line that repeats an entry of a numbered list, with no
    numbered line under it, heads the section the list announced: a leaflet's
    contents `1. Qu'est-ce que Ibuprofène 400 mg et dans quels cas est-il
    utilisé ?` / `2. Quelles sont les informations ...`, and the same line
    again over the section's text. A numbered list scraped twice repeats its
    entries over each other, and those repeats still go."""
    if not _NUMBERED.match(texts[first]) or _NUMBERED.match(below):
        return False
    return any(0 <= near < len(texts) and _NUMBERED.match(texts[near]) for near in (first - 1, first + 1))


def _quoted_again(above: str, occurrences: Counter[str]) -> bool:
    """A repeat that a sentence of its own introduces is said again on purpose:
    a liturgy's "After the second lesson, the congregation responds again:"
    over `Thanks be to God for his word.` A block captured twice brings its
    introduction twice, and that repeat still goes."""
    return _introduces(above) and occurrences[above] == 1


_CLOCK_TIME = re.compile(r"\d:\d")
_BARE_YEAR = re.compile(r"\d{3,4}")


def _name_role_bylines(lines: list[Line], shapes: list[page.Shape], whole: dict[int, Hit], kept: list[bool],
                       zones: page.Zones, lex: Lexicon) -> set[int]:
    """The unlabelled bylines: lines shaped like a name and a role where
    bylines stand (page.name_role), less those that are a list of people in
    the text: three or more in a row, or any run after a line that
    introduces it with a colon. An annual report's `Styrelsen har under året
    bestått av:` lists the board, one `Eva Lindqvist, ordförande` a line; a
    page's byline is one or two such lines, not introduced."""
    member = [zones.metadata(i) and i not in whole and kept[i] and shapes[i] is not page.BLANK
              and i != zones.headline and page.name_role(line.text) and not lex.credits_re.match(line.text)
              for i, line in enumerate(lines)]
    found: set[int] = set()
    for run in page.runs(shapes, member) if any(member) else ():
        above = run[0] - 1
        while above >= 0 and shapes[above] is page.BLANK:
            above -= 1
        if len(run) < 3 and not (above >= 0 and lines[above].text.rstrip().endswith((":", "："))):
            found.update(run)
    return found


def _keep_date_headings(lines: list[Line], shapes: list[page.Shape], whole: dict[int, Hit],
                        lex: Lexicon, furnished: bool) -> dict[int, Hit]:
    """The date lines that are the text's own, taken out of ``whole`` and
    returned: a log's date over its time-stamped entries, the date of a
    signed letter or notice, the dates that head a chronology's entries, and
    every date written out (boilerplate_lexicon.is_written_date) in a text
    where no phrase names other furniture (``furnished`` is False). A
    scraper's date line comes with the page's share line, byline or menu,
    says `Published` or `Fri Jan 16 2026`, or stands at the head and again
    at the foot; minutes' `12 maart 2025` under
    `Notulen ledenvergadering VvE Parkzicht`, a notice's schedule `יום ראשון,
    9 במרץ` over `08:00–14:00` and a field diary's `14 липня` do neither."""
    dates = [i for i, hit in whole.items() if hit.rule is DATE_LINE and _bare_date(lines[i].text)]
    if not dates:
        return {}
    # Dates that all head entries are a chronology's, written out or not, on
    # any page. Asked first: `Fri Jan 16 2026` and `January 16, 2026`, each
    # over a sentence, were a chronology on a page with a comment prompt, and
    # once the prompt was gone the written date stayed on its own, the other
    # no longer had a second date to head entries with, and a second pass
    # removed it (found by the property tests).
    chronology = _chronology_headings(lines, shapes, whole, [i for i, hit in whole.items() if hit.rule is DATE_LINE])
    if chronology:
        return chronology
    # The same date at the head and the foot is a scraper's, written out or not.
    once = _all_different(lines, dates)
    written = {i: whole.pop(i) for i in dates if not furnished and once and is_written_date(lines[i].text, lex)}
    dates = [i for i in dates if i not in written]
    if not dates:
        return written
    own = {i: whole.pop(i) for i in _log_dates(lines, whole, dates) | _signed_dates(lines, shapes, dates, lex)}
    rest = [i for i, hit in whole.items() if hit.rule is DATE_LINE]
    return {**written, **own, **_chronology_headings(lines, shapes, whole, rest)}


def _all_different(lines: list[Line], dates: list[int]) -> bool:
    """No two of the date lines say the same: a page's date stands at its head
    and again at its foot."""
    return len({lines[i].text.strip() for i in dates}) == len(dates)


def _bare_date(text: str) -> bool:
    """No label and no clock time: `Updated: 10:42` is a page's."""
    return ":" not in text and "：" not in text and _CLOCK_TIME.search(text) is None


# A log entry opens with its time: `[0902] Arrived at summit.`, `[05:30] Подъём`,
# `09:30 Start`, `14.35 Goal`.
_TIME_STAMP = re.compile(r"\s*[\[(]?(?:[01]?\d|2[0-3])[:.h]?[0-5]\d[\])]?\s")
_MIN_LOG_ENTRIES = 3


def _log_dates(lines: list[Line], whole: dict[int, Hit], dates: list[int]) -> set[int]:
    """Date lines over a log's entries: a radio log's `Saturday 14 September
    2024` over `[0902] Arrived at summit.`, a flight chronicle's `12 апреля
    1961 года` over `[05:30] ...`. Each date's section runs to the next date
    line; it heads a log when three of its lines open with a time."""
    found: set[int] = set()
    ends = [*sorted(dates)[1:], len(lines)]
    for date, end in zip(sorted(dates), ends, strict=True):
        stamps = 0
        for i in range(date + 1, end):
            if i in whole and whole[i].rule is DATE_LINE:
                break
            stamps += _TIME_STAMP.match(lines[i].text) is not None
            if stamps >= _MIN_LOG_ENTRIES:
                found.add(date)
                break
    return found


_SIGNATURE_LINES = 3  # the closing, a name, a title or an organisation


def _signed_dates(lines: list[Line], shapes: list[page.Shape], dates: list[int], lex: Lexicon) -> set[int]:
    """A date among the short lines under a closing formula is the letter's or
    notice's own: `特此公告。` / `华禾精密机械股份有限公司董事会` / `2024年4月26日`
    ends a listed company's announcement, `Yours sincerely,` / `Anna Berg`
    / `4 February 2026` a letter."""
    found: set[int] = set()
    for date in dates:
        seen = 0
        for i in range(date - 1, -1, -1):
            if shapes[i] is page.BLANK:
                continue
            if lex.closing_re.match(lines[i].text.strip()):
                found.add(date)
                break
            seen += 1
            if seen >= _SIGNATURE_LINES or shapes[i].prose:
                break
    return found


def _chronology_headings(lines: list[Line], shapes: list[page.Shape], whole: dict[int, Hit],
                         dates: list[int]) -> dict[int, Hit]:
    """Dates that head entries are content: a diary's `Monday, 2 February 1953`
    over each day's entry, a timeline's `6 May 1994` over what happened. They
    are kept when the text has two or more date lines, or one among bare years
    that head entries, all different, each a bare date (no label, no clock
    time: `Updated: 10:42` is a page's) over a paragraph that holds a
    sentence. A scraper's date line stands alone at the head or the foot of a
    page, or twice the same."""
    if not dates:
        return {}
    if not _all_different(lines, dates) or not all(_bare_date(lines[i].text) for i in dates):
        return {}
    # The entry under a date is the paragraph that starts at the next line
    # that stays (another date line is not one), and it must hold a sentence:
    # a lab notebook's `14.03.2024` heads `Projekt: ...` / `Ziel: Kolonie-PCR
    # der Transformanten vom 13.03.`. Read in one backward pass, a file may
    # hold 200,000 lines. A bare year over a sentence heads an entry too: a
    # chronology writes `1667` / `Début des travaux.` and then `15 mai 1681`
    # / `Inauguration du canal.`, and its one full date is as much a heading
    # as its years. An entry may be one short sentence.
    under = -1
    heads = years = 0
    entry = blank_between = False  # the paragraph from `under` holds a sentence; a blank line lies above it
    for i in range(len(lines) - 1, -1, -1):
        if i in whole and whole[i].rule is DATE_LINE:
            heads += under >= 0 and entry
            under, entry = -1, False  # a date over a date heads nothing
        elif shapes[i] is page.BLANK:
            blank_between = True
        elif i not in whole:
            sentence = shapes[i].prose or page.ends_sentence(lines[i].text)
            if under >= 0 and _BARE_YEAR.fullmatch(lines[i].text.strip()):
                years += shapes[under].prose or page.ends_sentence(lines[under].text)
            entry = sentence or (entry and under >= 0 and not blank_between)
            under, blank_between = i, False
    if heads == len(dates) and heads + years >= 2:
        return {i: whole.pop(i) for i in dates}
    return {}


def _date_headings_settled(lines: list[Line], shapes: list[page.Shape], whole: dict[int, Hit],
                           headings: dict[int, Hit], lex: Lexicon, furnished: bool) -> dict[int, Hit]:
    """The date headings kept, judged again once the structure rules have
    removed what they remove. A heading they removed (`Fri Jan 16 2026` in
    a menu run) is not there for a second pass to count: in ` date
    2026-01-16 ` / a paragraph / `Fri Jan 16 2026` / `Author: ...` /
    `Scunthorpe`, the two dates headed entries until the menu run went, and
    a second pass then removed the first as a scraper's date line (found by
    the property tests)."""
    if not any(i in whole for i in headings):
        return headings
    whole.update({i: hit for i, hit in headings.items() if i not in whole})
    return _keep_date_headings(lines, shapes, whole, lex, furnished)


def _record_fields_settled(lines: list[Line], shapes: list[page.Shape], whole: dict[int, Hit],
                           fields: dict[int, Hit]) -> dict[int, Hit]:
    """The record fields kept, judged again once the structure rules have
    removed what they remove. `Hour: 3:59 pm` / `Updated: 3:59 pm` / `Source:
    Agencias` made a record of three and kept the source, then the first two
    went in a menu run, and a second pass removed the source, alone (found
    by a reviewer's generator of page furniture)."""
    if not fields:
        return fields
    whole.update({i: hit for i, hit in fields.items() if i not in whole})
    return _keep_record_fields(lines, shapes, whole)


def _keep_record_fields(lines: list[Line], shapes: list[page.Shape], whole: dict[int, Hit]) -> dict[int, Hit]:
    """A byline or a date among the fields of a record is one of its fields:
    a book notice's `Yazar: Elif Karaca` over `Yayınevi: ...` and `Sayfa
    sayısı: 312`; a police report's `Fecha:` over `Hora:` and `Lugar:`; a git
    log's `Author:` and `Date:` under `commit 9f2c41e`. Three or more field
    lines in a row (`Label: value`, short), one of which no rule removes, are
    a record; a page's `Por: ...` / `Fecha: ...` over its article are all
    metadata, and go. Each run is read once."""
    def gone(k: int) -> bool:
        # Removed by another rule: the cleaned text will not have it, and a
        # second pass must find the same runs (`Autor:l` / `RELATED:e e` /
        # `D:c` is two fields once the teaser is gone; found by the fuzzer).
        return k in whole and whole[k].rule not in _FIELD_RULES

    def field(k: int) -> bool:
        # A URL (`https://example.com/news/123`) is no `Label: value` field: over
        # `Author:` and `Source:` it made a record of three, kept them, and went
        # itself as a URL-only line, so a second pass removed the other two.
        text = lines[k].text
        return (not shapes[k].prose and len(text) <= _MAX_FIELD_CHARS and _FIELD.match(text) is not None
                and "://" not in text)

    kept: dict[int, Hit] = {}
    examined = -1  # runs end before this line
    for i in sorted(i for i, hit in whole.items() if hit.rule in _FIELD_RULES):
        if i <= examined or not field(i):
            continue
        first, last = i, i
        while first > 0 and (gone(first - 1) or field(first - 1)):
            first -= 1
        while last + 1 < len(lines) and (gone(last + 1) or field(last + 1)):
            last += 1
        examined = last
        run = [k for k in range(first, last + 1) if not gone(k)]
        if len(run) >= _MIN_RECORD_FIELDS and any(k not in whole for k in run):
            for k in run:
                if k in whole and whole[k].rule in _FIELD_RULES:
                    kept[k] = whole.pop(k)
    return kept


# `Label: value`, the label a few words without figures (`Publié le 20/12 à
# 16:48` is a date line, not a field); and a git log entry's first line.
_FIELD = re.compile(r"^\s*(?:[^\W\d_][^:：\n\d]{0,30}[:：]\s*\S|commit [0-9a-f]{7,40}\s*$)")
_MIN_RECORD_FIELDS = 3
_MAX_FIELD_CHARS = 100
_FIELD_RULES = (BYLINE, DATE_LINE, SOURCE_CREDIT)


_MIN_MENU_INTRO_WORDS = 4  # "In Firefox, go to:"; not "You are here:"


def _heads_list(lines: list[Line], shapes: list[page.Shape], index: int, whole: dict[int, Hit]) -> bool:
    """Whether the short line at ``index``, the last of a menu run, heads the
    list under it: three lines or more that no rule removed, each longer
    than a menu item and without final punctuation. A live page's `Live` /
    `Last updated 5 minutes ago` / `Key points` / `An amber wind warning
    covers most of west Wales until 18:00` / `More than 23,000 homes are
    without power, according to the network operator` / `Ferries between
    Holyhead and Dublin are cancelled for the rest of the day`: `Key
    points` names the list, as `Key points:` would. A menu stands over a
    breadcrumb, the headline and the standfirst, which ends its sentence."""
    below = index
    for _ in range(_MIN_LIST_ITEMS):
        below = page.next_line(shapes, below)
        if (below < 0 or below in whole or shapes[below].nav or not (shapes[below].headline or shapes[below].prose)
                or page.ends_sentence(lines[below].text)):
            return False
    return True


_MIN_LIST_ITEMS = 3


def _introduced(lines: list[Line], shapes: list[page.Shape], whole: dict[int, Hit], index: int, rule: Rule) -> bool:
    """A link or a menu path that the line above introduces is content: "Read
    the full report here:" over its URL, and a how-to's "In Chrome, open the
    menu and go to:" over `Settings > Privacy and security > Delete browsing
    data`. A menu needs a sentence to introduce it: "You are here:" over a
    breadcrumb is the page's own furniture."""
    above = page.previous_line(shapes, index)
    if above < 0 or not shapes[above].intro:
        return False
    # A link needs only the colon, even under a line a rule removed (a URL line
    # that ends `...RELATED:` over another URL: the teaser search and a second
    # pass must read the lower one alike, test_teaser_search_past_a_line_the_
    # structure_rules_remove). Not under a related label that goes: its link
    # is its teaser, and a second pass, without the label, would remove the
    # link as a URL line outside the article (test_link_under_a_removed_related_label).
    if rule is LINK_LINE:
        return above not in whole or whole[above].rule is not RELATED_TEASER
    return above not in whole and _introduces(lines[above].text)


def _dated_fields(text: str, lex: Lexicon) -> bool:
    """A page's metadata line: two to five short fields between bars or dots,
    one of them a date or a reading time, the others a name, a count or a
    label: `Jana Marková | 28. srpna 2024 | 6:00`, `Iniciado por rafa_mg · 12
    de março de 2024 · 7 respostas`, `Napsal Tomáš · 14. 2. 2024 · 5 min
    čtení`. Asked only where bylines stand (Zones.metadata)."""
    stripped = text.strip()
    if len(stripped) > _MAX_FIELDS_LINE or not _FIELD_SEP.search(stripped):
        return False
    fields = [field.strip() for field in _FIELD_SEP.split(stripped)]
    if not 2 <= len(fields) <= _MAX_FIELDS:
        return False
    dated = [_date_field(field, lex) for field in fields]
    return any(dated) and all(date or (field and len(field) <= page.MAX_NAV_CHARS and len(field.split()) <= page.MAX_NAV_WORDS
                                       and not page.ends_sentence(field)) for field, date in zip(fields, dated, strict=True))


# A date field's author after it: `Pubblicato il 2 febbraio 2024 da Marta`, `March 9, 2024 by Hannah Price`.
_TRAILING_AUTHOR = re.compile(r"\s+(?i:by|da|di|por|par|von|door|av|af|przez|od)\s+[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*)?$")


def _date_field(field: str, lex: Lexicon) -> bool:
    """A metadata line's date field, maybe with its author after it
    (_TRAILING_AUTHOR) when the name is capitalised: `... 2024 da Marta`,
    not `... 2024 di sera`."""
    if is_date_line(field, lex):
        return True
    match = _TRAILING_AUTHOR.search(field)
    return bool(match) and match.group().split()[1][:1].isupper() and is_date_line(field[: match.start()], lex)


_FIELD_SEP = re.compile(r"\s+[|·•]\s+")
_MAX_FIELDS = 5
_MAX_FIELDS_LINE = 160


def _dated_segment(text: str, lex: Lexicon) -> bool:
    """A line of segments one of which is a date is no menu or breadcrumb (no
    menu item is a date): an event's `Premiere · 14 March 2025 · Main stage`
    in the body; where bylines stand, such a line is a page's metadata
    (_dated_fields)."""
    return any(map(str.isdigit, text)) and any(is_date_line(part, lex) for part in page.segments(text))


def _field_table(lines: list[Line], index: int) -> bool:
    """A line of fields with a line of as many fields above or below is a
    table's row: a schedule's `Monday | 14 March 2025 | Opening night`."""
    count = len(_FIELD_SEP.findall(lines[index].text))
    return any(0 <= near < len(lines) and len(_FIELD_SEP.findall(lines[near].text)) == count
               for near in (index - 1, index + 1))


def _table_row(lines: list[Line], index: int) -> bool:
    """A line of cells between bars next to a line of as many cells, one of
    the two holding a figure, is a table's row, not a one-line menu: a
    paper's `Age group | Utterances | Code-switched` over `18-30 | 410 |
    37%` (or over Markdown's `---|---|---`), a schedule's `Tuesday | 15
    March 2025 | Matinee` under `Monday | 14 March 2025 | Opening night`. A
    menu's `News | World | Sport` stands alone or by more links. The figure
    keeps the pair together: such rows keep each other, so a second pass
    finds them as the first did (idempotence), where a row of links could
    go as a menu of its own."""
    cells = _cells(lines[index].text)
    if len(cells) < 2:
        return False
    for near in (index - 1, index + 1):
        if 0 <= near < len(lines):
            other = _cells(lines[near].text)
            if len(other) == len(cells) and any(cell[:1].isdigit() or _RULE_CELL.fullmatch(cell)
                                                for cell in (*cells, *other)):
                return True
    return False


def _cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.strip().strip("|").split("|")]


_RULE_CELL = re.compile(r":?-{3,}:?")  # Markdown's header rule: `---`, `:---:`


def _introduces(text: str) -> bool:
    """A sentence of its own that ends in a colon: "In Firefox, go to:", "the
    congregation responds again:"; not "You are here:"."""
    stripped = text.strip()
    return stripped.endswith((":", "：")) and len(stripped.split()) >= _MIN_MENU_INTRO_WORDS


def _keep_licence_notices(doc: Document, lines: list[Line], shapes: list[page.Shape], whole: dict[int, Hit],
                          lex: Lexicon) -> None:
    """A licence's copyright notice is its own content: a LICENSE file opens
    `Copyright (c) 2019 Kevin Sheppard. All rights reserved.` above the grant
    it qualifies ("Redistributions of source code must retain the above
    copyright notice"), and a docs repository's pre-commit hook must not cut
    it. The text is a licence when it holds a sentence only a licence's full
    text holds (data/boilerplate.toml [licence]); a page footer naming one
    does not. So is the notice under a README's `## License` or a man page's
    `COPYRIGHT` heading, and a sentence that uses a notice's words, if
    the article goes on after it (a footer stands at the foot)."""
    notices = [i for i, hit in whole.items() if hit.rule is CONSENT_LEGAL and lex.copyright_re.search(lines[i].text)]
    if notices and lex.licence_re.search(doc.text):
        for i in notices:
            del whole[i]
        return
    if not notices:
        return
    last_prose = max((i for i, s in enumerate(shapes) if s.prose and i not in whole), default=-1)
    for i in notices:
        above = page.previous_line(shapes, i)
        if above >= 0 and above not in whole and _section_head(lines[above].text) in lex.licence_heads:
            del whole[i]
        elif i < last_prose and _legal_sentence(lines[i].text, lex):
            del whole[i]


# Four more words after the phrase, with no break before the first: the
# phrase is a sentence's words, not a notice's (`All rights reserved by the
# Licensor under clause 4 remain with the Licensor.`).
_SENTENCE_GOES_ON = re.compile(r",?\s+[^\W\d_]+(?:\W+\w+){3}")


def _legal_sentence(text: str, lex: Lexicon) -> bool:
    """A line whose only sign of a notice is its phrase, which a sentence goes
    on from: a contract's `4.2 All rights reserved by the Licensor under
    clause 4 remain with the Licensor.`, a report's `All rights reserved, the
    publishers' complaint notes, is printed on the copyright page`. A
    footer's phrase ends its line or a sentence (`Example Media. All rights
    reserved.`) or names the holder (`All rights reserved by Acme`); one
    with `©` or `Copyright 2026` is a notice whatever follows."""
    if COPYRIGHT_MARK.search(text):
        return False
    match = lex.copyright_re.search(text)
    return match is not None and _SENTENCE_GOES_ON.match(text, match.end()) is not None


def _section_head(text: str) -> str:
    """A heading's words, lowercased, without Markdown's marks or a colon:
    `## License` and `COPYRIGHT` -> `license`, `copyright`."""
    return text.strip().strip("#=*_ ").rstrip(":：").strip().lower()


def _keep_credits_of_works(lines: list[Line], shapes: list[page.Shape], whole: dict[int, Hit], lex: Lexicon) -> None:
    """Bylines that credit a work, not the article: `Written by Aoife Brennan
    and Tom Hale` in a film review's block of credits (a block holding
    `Directed by` or `Starring`), and a man page's `Written by Jane Okafor.`
    under its AUTHOR heading."""
    for i in [i for i, hit in whole.items() if hit.rule is BYLINE]:
        above = page.previous_line(shapes, i)
        if above >= 0 and above not in whole and _section_head(lines[above].text) in lex.author_heads:
            del whole[i]
            continue
        # The block around the line, read no further than a block of credits
        # runs: 100,000 byline lines with no blank line between are not one.
        first, last = i, i
        while first > 0 and i - first < _MAX_CREDIT_BLOCK and shapes[first - 1] is not page.BLANK:
            first -= 1
        while last + 1 < len(lines) and last - i < _MAX_CREDIT_BLOCK and shapes[last + 1] is not page.BLANK:
            last += 1
        if last - first < _MAX_CREDIT_BLOCK and any(lex.credits_re.match(lines[k].text) for k in range(first, last + 1)):
            del whole[i]


_MAX_CREDIT_BLOCK = 12  # lines: a block of credits is short


def _keep_letter_heading(lines: list[Line], shapes: list[page.Shape], whole: dict[int, Hit], kept: list[bool],
                         lex: Lexicon) -> None:
    """A letter's heading is the letter's own text: the sender's address
    (`14 Rose Terrace` / `Bath BA1 5NP`) and the date (`4 February 2026`)
    above `Dear Mr Carter,` read as a menu run and a scraper's date line. The
    heading is the short lines above a salutation near the top, none of them
    prose or furniture a phrase rule found (a date line aside): a web page's
    `Home | News` over `Dear readers,` is no letter. Its lines are set apart
    from the structure rules, as code is."""
    heading: list[int] = []
    for i, line in enumerate(lines):
        if shapes[i] is page.BLANK:
            continue
        text = line.text.strip()
        if heading and len(text.split()) <= _MAX_SALUTATION_WORDS and lex.salutation_re.match(text):
            break
        if (len(heading) == _MAX_LETTER_HEADING or shapes[i].prose or len(text.split()) > _MAX_SALUTATION_WORDS
                or (i in whole and whole[i].rule is not DATE_LINE)):
            return
        heading.append(i)
    else:
        return
    for i in heading:
        whole.pop(i, None)
        kept[i] = False


_MAX_LETTER_HEADING = 8  # lines above the salutation: an address, a date, a reference
_MAX_SALUTATION_WORDS = 8  # "Sehr geehrte Damen und Herren,"


def _keep_section_headings(lines: list[Line], shapes: list[page.Shape], whole: dict[int, Hit]) -> None:
    """A Markdown heading named like furniture heads a section when the
    line under it speaks of what the heading names: a style guide's
    `## Comments` over "Comments should be complete sentences.", its
    `## Share` over "Share code between modules ...", an API reference's
    `## Comments` over `GET /v2/posts/{post_id}/comments`. A page converted from
    HTML writes WordPress's "Share this:" as `## Share this:` over a list of
    networks, and an ad label as `## Advertisement` over a paragraph of the
    article, which does not say "advertisement": both still go."""
    for i in [i for i, hit in whole.items() if hit.rule in _SECTION_NAMED_RULES]:
        heading = lines[i].text.lstrip()
        if not heading.startswith("#"):
            continue
        below = page.next_line(shapes, i)
        if below < 0 or below in whole:
            continue
        named = {w for w in words(heading.lower()) if len(w) >= _MIN_SECTION_WORD}
        body = words(lines[below].text.lower())
        if any(w.startswith(name) for w in body for name in named):
            del whole[i]


_SECTION_NAMED_RULES = (SHARE_LINE, AD_LABEL, COMMENT_PROMPT)
_MIN_SECTION_WORD = 4  # "share", "comments"; not "on", "this"


def _figures(lines: list[Line], run: list[int], whole: dict[int, Hit], mark: re.Pattern[str]) -> bool:
    """A run of short lines half of which carry figures is a list of data, not
    a menu or teasers: a recipe's `50 g jäst` / `5 dl mjölk` / `150 g smör`, a
    table's `Febrero: 652,1`, a box's `2021: 3 fines`. A menu's items are
    words (`News`, `World`, `Sport`); teaser headlines hold numbers too
    (`Floods kill 12 in Valencia`), so after the article a line must be a
    data row (_DATA_ROW). Lines a phrase rule removed do not count."""
    staying = [i for i in run if i not in whole]
    return bool(staying) and 2 * sum(1 for i in staying if mark.search(lines[i].text)) >= len(staying)


# A menu's items are neither figures nor fields: `Yayınevi: Deniz Kenarı
# Yayınları` / `Sayfa sayısı: 312` are a book notice's record.
_FIGURE_OR_FIELD = re.compile(rf"\d|{_FIELD.pattern}")
# After the article a data row opens on its figure (`2021: 3 fines`) or is a
# label and its figure (`Febrero: 652,1`, `Totale: 1.573,80 €`); a teaser
# may hold a number inside its words (`Floods kill 12 in Valencia`).
_DATA_ROW_PATTERN = r"^\W*\d|^[^:：]{1,40}[:：]\s*[-+−]?\d[\d.,\s%]*\W{0,3}$"
_DATA_ROW = re.compile(_DATA_ROW_PATTERN)


def _keep_sources_of_figures(lines: list[Line], shapes: list[page.Shape], whole: dict[int, Hit]) -> None:
    """A source line under rows of figures is the table's, as much as its
    caption: `2024: 19 fines` / `Source: Data Protection Office annual
    report`, `| 2024 | 3.1 |` / `Fuente: INE`. An article's own `Source:
    Reuters` stands under a paragraph (`2024 was a record year.` opens on
    a figure too, but is a sentence)."""
    for i in [i for i, hit in whole.items() if hit.rule is SOURCE_CREDIT]:
        rows = range(i - _MIN_TABLE_ROWS, i)
        if i >= _MIN_TABLE_ROWS and all(k not in whole and not shapes[k].prose and _TABLE_ROW.search(lines[k].text)
                                        for k in rows):
            del whole[i]


_MIN_TABLE_ROWS = 2
# A row of data: _DATA_ROW's, or a Markdown table's `| 2024 | 3.1 |`.
_TABLE_ROW = re.compile(rf"{_DATA_ROW_PATTERN}|^\s*\|.*\|\s*$")


# Verse: stanzas are runs of 3+ lines of at most 80 characters, at least half
# of them different and under 60 (a villanelle's tercets, a song's chorus).
# A line repeated in a stanza, or anywhere in a text that is mostly stanzas,
# is a refrain: "Row, row, row your boat," opens every verse, and a
# villanelle ends on a one-line stanza that repeats its first line.
_VERSE_LINE_CHARS = 80
_VERSE_SHORT_LINE = 60  # at least half of a stanza's lines are shorter
_STANZA_LINES = 3
_VERSE_SHARE = 0.6


def _refrain_lines(texts: list[str], whole: dict[int, Hit]) -> list[bool]:
    """For each line, whether a repeat of it there is a refrain. Lines already
    removed are read as gone, as a second pass over the cleaned text reads
    them (idempotence)."""
    present = [i for i, text in enumerate(texts) if i not in whole]
    in_stanza = [False] * len(texts)
    stanzas = verse = visible = 0
    run: list[int] = []
    for i in [*present, None]:
        text = texts[i] if i is not None else ""
        if text and len(text) <= _VERSE_LINE_CHARS:
            run.append(i)
            visible += 1
            continue
        # A line scraped many times over is a run of one text, not a stanza;
        # nor is a paragraph hard-wrapped at 72 columns (Python's docs, release
        # notes), whose lines run to the wrap width where verse lines fall short.
        if (len(run) >= _STANZA_LINES and 2 * len({texts[j] for j in run}) >= len(run)
                and 2 * sum(len(texts[j]) < _VERSE_SHORT_LINE for j in run) >= len(run)):
            stanzas += 1
            verse += len(run)
            for j in run:
                in_stanza[j] = True
        run = []
        visible += bool(text)
    if stanzas >= 2 and verse >= _VERSE_SHARE * visible:
        return [True] * len(texts)
    return in_stanza


_COLUMNS = re.compile(r"\S {2,}\S|\||\t")
_NON_LETTER = re.compile(r"[\W\d_]+")


def _prose_like(text: str) -> bool:
    """A line a scraper could have duplicated: mostly letters, not indented
    like code, not a table row. A README lists `64000 | ftn | fidogate` rows
    and repeats an example line on purpose; those are not boilerplate."""
    if text.startswith(("    ", "\t")) or _COLUMNS.search(text.strip()):
        return False
    visible = "".join(text.split())
    return len(_NON_LETTER.sub("", visible)) >= 0.75 * len(visible)


def _standalone(line: str, before: str, after: str) -> bool:
    """A line that is a unit of its own, not a piece of a hard-wrapped paragraph:
    it starts like a sentence or item, the line ``before`` it ended one, and the
    line ``after`` it does not continue it. In release notes wrapped at 72
    columns, `   has been fixed.` closes several different sentences and must
    not be taken for a repeated line."""
    text = line.lstrip()
    if len(line) - len(text) > 3 or not text or text[0].islower():
        return False
    if after.strip() and not ends_like_sentence(text) and (after[:1].isspace() or after.lstrip()[:1].islower()):
        return False  # the first line of a wrapped paragraph or bullet
    return not before or ends_like_sentence(before) or before.endswith(":")


def _credit_value(value: str, lowercase_words: int = 0) -> bool:
    """A credit's value is a short name ("EFE", "Agencias", "Reuters/John Doe"), not a sentence."""
    value = value.strip()
    if "://" in value or value.startswith((":", "/", "www.")):  # `.. image:: https://...` is markup
        return False
    # A credit names someone: "EFE", "Agencias", "John Smith/Reuters". A value
    # starting in lowercase is a sentence: "Source: a government official said
    # the talks had stalled." is body text.
    # Arabic and Chinese have no case: a letter that is not lowercase will do ("المصدر: وكالات").
    # Agencies may be written in lowercase ("Foto: dpa", "Фото: пресс-служба"):
    # allowed up to ``lowercase_words`` words, which "a government official said
    # the talks had stalled" is not.
    first = value[:1]
    if not (first.isdigit() or (first.isalpha() and not first.islower())):
        if not (first.isalpha() and len(words(value)) <= lowercase_words):
            return False
    return 0 < len(words(value)) <= _MAX_LABEL_VALUE_WORDS and len(value) <= 80 and not re.search(r"[.!?]\s+\w", value)


def _labelled_credit(text: str, lex: Lexicon) -> tuple[Rule, str] | None:
    """The rule and what to call it when ``text`` is a labelled credit line:
    `Author: HGV` (byline), `Source: Agencias`, `Photo: EFE`."""
    # A label is followed by a colon, a slash, a bar or (in "Fot. PAP") a period.
    match = lex.label_re.match(text) if _LABEL_SEPARATOR.search(text) else None
    if not match or not _credit_value(match.group("value"), lowercase_words=2):
        return None
    label = match.group("label").lower()
    if label in lex.byline and label not in lex.source:
        return BYLINE, "byline"
    if label in lex.source:
        if _PASSAGE.search(match.group("value")):
            return None  # a text's citation of a passage, not who supplied the story
        return SOURCE_CREDIT, "source credit"
    return PHOTO_CREDIT, "photo/image credit line"


# A source that ends on a passage's locator cites a text: lecture notes'
# `Πηγή: Ηρόδοτος 6.112`, a commentary's `Source: Genesis 12:1`, `p. 45`. An
# agency's credit names who supplied the story (`Source: Reuters`, `Fuente:
# INE, 2023`), with no chapter and verse. Hebrew numbers chapter and verse
# with letters: `מקור: בראשית יב, א` is Genesis 12:1.
_PASSAGE = re.compile(r"(?:\d+\s?[.:,]\s?\d+|\b(?:pp?|ch|chap|cap|s|str|§)\.?\s*\d+"
                      r"|\s[\u05d0-\u05ea]{1,2}['\u05f3]?,\s?[\u05d0-\u05ea]{1,2}['\u05f3]?)\W*$", re.I)


def _trailing_credit(trailing: re.Pattern[str], text: str) -> re.Match[str] | None:
    match = trailing.search(text)
    return match if match and _is_credit(match) else None


def trailing_credit_start(text: str) -> int | None:
    """Where the trailing photo credits of a line (BOI006) start, if it has
    any: `... on Friday. Photo: EFE.` -> the offset of `Photo`.

    The lossy-mojibake rule reads a line's other words for its likely
    languages, and must not read words this rule will remove: a second
    cleaning would not see them (encoding_lossy._Line)."""
    if not _credit_mark(text):
        return None
    trailing = lexicon().trailing_photo_re
    match = _trailing_credit(trailing, text)
    return _chained_credits_start(trailing, text, match.start()) if match else None


def _credit_mark(text: str) -> bool:
    """Holds a colon, 摄 or "ot." (`Fot. PAP`), one of which every credit has."""
    return ":" in text or "：" in text or "摄" in text or "ot." in text


def _is_credit(match: re.Match[str]) -> bool:
    return bool(match.group("cjk") or _credit_value(match.group("value"), lowercase_words=2))


# A trailing credit is at most ~100 characters (a phrase, a 40-character value):
# the search for the one before it looks that far back only, so a line of
# n chained credits is read in linear time.
_CREDIT_REACH = 200


def _chained_credits_start(trailing: re.Pattern[str], text: str, start: int) -> int:
    """Where a run of trailing credits begins: `... E.Photo: EFE.Photo: AP` loses
    both credits at once, as a second pass would otherwise remove the first
    only after the last is gone (found by the fuzzer: `E.Photo:E.Photo:E`)."""
    while True:
        earlier = trailing.search(text, max(0, start - _CREDIT_REACH), start)
        if earlier is None or earlier.start() >= start or not _is_credit(earlier):
            return start
        start = earlier.start()


def _call_to_action(text: str, lex: Lexicon) -> bool:
    """A line opening like a call to action that quotes no one: `Sign up for
    the new winter vaccine opened on Monday for everyone aged 75 and over, the
    health department said.` is news (data/boilerplate.toml [attribution]).
    An opener that begins everyday sentences too must name what a site
    sends: `Sign up for our daily briefing.` goes, a bulletin's `Sign up for
    the Lenten soup lunches on the sheet at the back of the church.` stays
    ([cta_open_ended], [cta_object])."""
    match = lex.cta_re.match(text)
    if not match:
        return False
    if match.group("opener").lower() in lex.cta_open_ended and not lex.cta_object_re.search(text, match.end()):
        return False
    _, comma, tail = text.rpartition(",")
    return not (comma and lex.attribution_re.search(tail))


def _has_inline_teaser(text: str, lex: Lexicon) -> bool:
    """`RELATED: Some Other Headline` on one line."""
    head, sep, rest = text.partition(":")
    return bool(sep) and _key(head) in lex.related and bool(rest.strip()) and _looks_like_teaser(rest, question=True)


def _looks_like_teaser(text: str, question: bool = False) -> bool:
    """A headline: short, at most 20 words (Chinese and Japanese: 5 to 40
    characters), no sentence-final punctuation, not a list's introduction
    (`Le regole principali:`), and not a list of terms in lowercase: a
    headline starts with a capital in every script that has them, or with a
    brand's (`iPhone 17 review`), and a glossary's cross-references do not:
    `Related: flood, slack water`, `See also: breakwater, sea wall`.

    A headline may ask a question where its label stands on the same line
    (``question``): `Czytaj także: Wspólnota mieszkaniowa a spółdzielnia.
    Czym się różnią?`. Under a label on a line of its own, a question may be
    the article's next subheading (`Read more` / `So what does this mean for
    savers?`), and stays."""
    stripped = text.strip()
    count = len(words(stripped))
    if page.is_cjk(stripped):
        count = 2 if 5 <= len(stripped) <= 40 else 0
    return (2 <= count <= page.MAX_TEASER_WORDS and len(stripped) <= page.MAX_TEASER_CHARS
            and (not ends_like_sentence(stripped) or (question and stripped.endswith(("?", "？"))))
            and not stripped.endswith((":", "："))
            and not _lowercase_terms(stripped))


def _lowercase_terms(text: str) -> bool:
    """`flood, slack water`: two or more terms of at most three words, each
    opening in lowercase (`iPhone, iPad` open on a brand's capital)."""
    terms = [term.split() for term in text.split(",")]
    return (len(terms) >= 2 and all(0 < len(term) <= _MAX_TERM_WORDS for term in terms)
            and all(term[0].islower() for term in terms))


_MAX_TERM_WORDS = 3  # "slack water", "mean high water"
_OPENING_QUOTES = ("`", "“", "«", "„", '"', "「")


def _unquoted(match: re.Match[str] | None, text: str) -> bool:
    """The phrase is the line's own, not quoted: rule documentation writes
    ``Flags: `We use cookies to improve your experience.` ``, and an article may
    quote a banner; both stay. Banners do not open with a quotation mark."""
    return match is not None and not any(q in text[: match.start()] for q in _OPENING_QUOTES)


def _trigram_postings(vocab: list[list[str]]) -> dict[tuple[str, ...], list[int]]:
    """Word trigram -> the first few lines holding it. Capped, so that a file
    of 3,000 identical captions costs 3,000 lookups, not 9 million comparisons;
    a capped count can only understate an overlap (precision is kept)."""
    postings: dict[tuple[str, ...], list[int]] = {}
    for index, tokens in enumerate(vocab):
        for gram in shingles(tokens):
            found = postings.setdefault(gram, [])
            if len(found) < _POSTINGS_CAP and (not found or found[-1] != index):
                found.append(index)
    return postings


def _best_overlap(grams: set[tuple[str, ...]], postings: dict[tuple[str, ...], list[int]], index: int) -> tuple[float, int]:
    """The other line sharing most of ``grams``, and the share it holds."""
    counts: dict[int, int] = {}
    for gram in grams:
        for other in postings.get(gram, ()):
            if other != index:
                counts[other] = counts.get(other, 0) + 1
    if not counts:
        return 0.0, -1
    best_index = max(counts, key=lambda i: (counts[i], -i))
    return counts[best_index] / len(grams), best_index


def _key(text: str) -> str:
    """The phrase-lookup form of a line; Turkish `İ` lowercases to `i` plus a
    combining dot, which no phrase list spells: `İlan` -> `ilan`."""
    return core(text).replace("i\u0307", "i")


# A counter's figure: digits with separators (`3.412`, `5 221`, `4,6`), maybe
# cut short (`12k`, `1.2m`); brackets around it go with it: `4,6 (128
# avaliações)` reads "# avaliações".
_FIGURE = re.compile(r"[(\[（]*\d(?:[\d.,'’\u00a0\u202f()\[\]（） ]*\d)?(?:[kmb](?![^\W\d_]))?[)\]）]*")
_FIGURES = re.compile(r"#(?:\s*#)+")
_MAX_COUNTER_WORDS = 8


def _counted(key: str) -> str:
    """``key`` with each figure written `#`: `bu haber 3.412 kez okundu` ->
    `bu haber # kez okundu`, `★ 4,6 (128 avaliações)` -> `# avaliações`."""
    return _FIGURES.sub("#", _FIGURE.sub("#", key))


# What sets a member's rank apart from a field on one line: `Membro novato · Mensagens: 14`.
_FIELD_SEPARATOR = re.compile(r"\s+[·•|]\s+")
_MAX_FORUM_LINE = 80


def _forum_furniture(lines: list[Line], shapes: list[page.Shape], whole: dict[int, Hit], kept: list[bool],
                     lex: Lexicon) -> None:
    """A forum thread's buttons and member fields, under and beside each post:
    `Citera` / `Svara` / `Gilla (12)`, `Medlem sedan: 2021` / `Inlägg: 38`.
    One such line is a word a text may use (a FAQ writes `Svar` over each
    answer), so they go only from a page where two of them occur twice or
    more each (`Citera` and `Svara` under every post): a thread."""
    buttons: dict[str, list[int]] = {}
    fields: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if shapes[index] is page.BLANK or index in whole or not kept[index] or len(line.text) > _MAX_FORUM_LINE:
            continue
        key = _key(line.text)
        bare = _COUNTER.sub(" ", key).strip()  # `gilla (12)` -> `gilla`
        if bare in lex.forum_buttons:
            buttons.setdefault(bare, []).append(index)
            continue
        label, colon, value = _FIELD_SEPARATOR.split(key)[-1].partition(":")
        if colon and label.strip() in lex.forum_fields and DIGIT.search(value) and len(value.split()) <= 4:
            fields.setdefault(label.strip(), []).append(index)
    if sum(len(indexes) >= 2 for found in (buttons, fields) for indexes in found.values()) < 2:
        return
    # On a thread, a button under one post only is a button too: `Gilla (12)`.
    for found, rule_, what in ((buttons, COMMENT_PROMPT, "forum post button"), (fields, BYLINE, "forum member field")):
        for indexes in found.values():
            for index in indexes:
                whole[index] = _line_hit(lines[index], rule_, f"{what} on a thread page: {lines[index].text.strip()!r}",
                                         0.85)
    for indexes in fields.values():
        for index in indexes:
            above = index - 1
            if above >= 0 and above not in whole and kept[above] and _member_name(lines[above].text):
                whole[above] = _line_hit(lines[above], BYLINE, f"forum post's author, over the member's fields: "
                                                               f"{lines[above].text.strip()!r}", 0.85)


# What parts a byline's fields: `By Hannah Price | Published March 9, 2024`, `Yazar: Deniz Kaya · 7 dk okuma`.
_BYLINE_FIELD = re.compile(r"\s*[|·•:：/／,，、]\s*")
_MIN_BIO_WORDS, _MAX_BIO_WORDS = 8, 100


def _author_bio(lines: list[Line], shapes: list[page.Shape], whole: dict[int, Hit], kept: list[bool],
                lex: Lexicon) -> None:
    """The author's bio under an article: its last prose line (tags, teasers
    and other furniture may follow), opening with the name a byline over the
    article gave: `By Hannah Price | Published March 9, 2024` over the
    article, `Hannah Price is a freelance journalist based in Leeds. She
    writes about ...` under it; `Pubblicato il 2 febbraio 2024 da Marta` and
    `Marta scrive di libri dal 2015.`; `記者：山本健太` and `山本健太（やまもと・けんた）
    鹿児島総局記者。`. The bio repeats under every article the author writes.
    A closing paragraph that opens with another word stays, and so does one
    opening with a byline's role (`Economics Correspondent`) but not its name
    run: the name is every name-like word of the byline's field in a row."""
    prose = [i for i in range(len(lines)) if i not in whole and shapes[i].prose]
    if len(prose) < 3:
        return
    last = prose[-1]
    text = lines[last].text.strip()
    if (not kept[last] or shapes[last].wrapped or not ends_like_sentence(text)
            or not _MIN_BIO_WORDS <= len(text.split()) <= _MAX_BIO_WORDS):
        return
    head = [i for i in range(prose[0]) if i in whole and _signs_the_article(whole[i])]
    for name in (name for i in head for name in _byline_names(lines[i].text, lex)):
        if text.startswith(name) and not text[len(name) : len(name) + 1].isalpha():
            whole[last] = _line_hit(lines[last], BYLINE, f"author's bio under the article, opening with the "
                                                         f"byline's name {name!r}: {text[:60]!r}", 0.8)
            return


def _signs_the_article(hit: Hit) -> bool:
    """A byline, or a page's metadata line, that names the article's author;
    not a forum post's author (a thread's last post may well open with the
    name of a member who wrote above it)."""
    return (hit.rule is BYLINE and not hit.message.startswith("forum")) or (
        hit.rule is DATE_LINE and hit.message.startswith("metadata line"))


def _byline_names(text: str, lex: Lexicon) -> list[str]:
    """The names a byline gives: in each of its fields, the name-like words in
    a row (capitalised or in a caseless script, no label, date or `by`):
    `By Hannah Price | Published March 9, 2024` -> `Hannah Price`;
    `記者：山本健太` -> `山本健太`."""
    names = []
    for field in _BYLINE_FIELD.split(text.strip()):
        run: list[str] = []
        for word in field.split() + [""]:
            lowered = word.lower()
            if (len(word) >= 2 and not word[0].islower() and word.isalpha() and lowered not in lex.byline
                    and lowered not in lex.date_words and lowered not in _BY_WORDS
                    and lowered not in lex.published_words):
                run.append(word)
            elif run:
                names.append(" ".join(run))
                run = []
    return names


def _member_name(text: str) -> bool:
    """A forum member's name as a thread prints it over their fields: one to
    three words and no sentence (`rafa_mg`, `Lucas Teixeira`, `Mikael_O`)."""
    stripped = text.strip()
    return (0 < len(stripped) <= 40 and len(stripped.split()) <= 3 and ":" not in stripped
            and not page.ends_sentence(stripped))


# A Turkish network name's case ending after an apostrophe: `Facebook'ta`, `X'te`, `WhatsApp'tan`.
_CASE_ENDING = re.compile(r"['’][^\W\d_]{1,4}$")
_MAX_SHARE_TOKENS = 7


# A network's button with its former name or its handle after it: `X（旧Twitter）`, `X (formerly Twitter)`.
_NAME_ASIDE = re.compile(r"\s*[(（][^()（）]{1,30}[)）]$")


def _buttons_under(lines: list[Line], shapes: list[page.Shape], kept: list[bool], whole: dict[int, Hit],
                   index: int, lex: Lexicon) -> int:
    """The share buttons listed one per line under a share line (blank lines
    between them allowed), each a network's name alone: `この記事をシェアする`
    over `X（旧Twitter）` / `LINE` / `はてなブックマーク`. A lone `LINE` or
    `Facebook` is a button only there: anywhere else it may be a heading or a
    list of a text's own. The index of the first line after them."""
    label = whole[index]
    if label.rule is PAGE_WIDGET:
        return _answers_under(lines, shapes, kept, whole, index, lex)
    following = index + 1
    while following < len(lines):
        if shapes[following] is not page.BLANK:
            text = lines[following].text
            name = _key(_NAME_ASIDE.sub("", text.strip()))
            # A share phrase (`Share`, `Tweet`) is read as the share line it is, and its buttons after it.
            if not kept[following] or following in whole or name not in lex.social or name in lex.share:
                break
            whole[following] = _line_hit(lines[following], SOCIAL_ICONS,
                                         f"share button under {label.message.partition(': ')[2] or 'a share line'}: "
                                         f"{text.strip()[:60]!r}", 0.9)
        following += 1
    return following


def _answers_under(lines: list[Line], shapes: list[page.Shape], kept: list[bool], whole: dict[int, Hit],
                   index: int, lex: Lexicon) -> int:
    """The answer buttons under a feedback question, one per line or side by
    side (blank lines between them allowed): `Var informationen till hjälp?`
    over `Ja` / `Nej`, `Was this page helpful?` over `👍 Yes  👎 No`. A lone
    `Ja` is an answer only there. The index of the first line after them."""
    following = index + 1
    if _key(lines[index].text) not in lex.feedback:
        return following
    answers = 0
    while following < len(lines) and answers < _MAX_FEEDBACK_ANSWERS:
        if shapes[following] is not page.BLANK:
            text = lines[following].text.strip()
            key = _key(text)
            if not kept[following] or following in whole or not _answers(key, lex):
                break
            whole[following] = _line_hit(lines[following], PAGE_WIDGET,
                                         f"answer button under a feedback question: {text[:60]!r}", 0.9)
            answers += 1
        following += 1
    return following


def _answers(key: str, lex: Lexicon) -> bool:
    """`ja`, `sort of`, `yes 👎 no`: answer words, side by side with symbols."""
    if key in lex.feedback_answers:
        return True
    tokens = key.split()
    return (any(t in lex.feedback_answers for t in tokens)
            and all(t in lex.feedback_answers or is_symbolic(t) for t in tokens))


def _share_to_network(key: str, lex: Lexicon) -> bool:
    """A share phrase joined to network names, in either order: `share on
    facebook`, `شارك على فيسبوك`, `síguenos en instagram`, `facebook'ta paylaş`.
    Every other word is a network's name or a short joining word
    ([share_connectors]), and one at least is a name: `share on the
    facebook` and `share your story on instagram` are sentences, not buttons."""
    tokens = key.split()
    if not 2 <= len(tokens) <= _MAX_SHARE_TOKENS or not any(
            token in lex.social or "'" in token or "’" in token for token in tokens):
        return False
    for split in range(1, len(tokens)):
        for phrase, rest in ((tokens[:split], tokens[split:]), (tokens[split:], tokens[:split])):
            if " ".join(phrase) in lex.share and _names_networks(rest, lex):
                return True
    return False


def _names_networks(tokens: list[str], lex: Lexicon) -> bool:
    """Network names and joining words, at least one name."""
    names = 0
    for token in tokens:
        if token in lex.social or _CASE_ENDING.sub("", token) in lex.social:
            names += 1
        elif token not in lex.share_connectors:
            return False
    return names > 0


def _tag_values(value: str, lowercase: bool = False) -> bool:
    """A list of short names, each capitalised (or in a caseless script): `Economy, Inflation`;
    in any case after a label that names tags and nothing else (``lowercase``):
    `Tags: Pantanal, seca, rio Paraguai`."""
    if page.ends_sentence(value):
        return False
    items = [item for item in _TAG_SPLIT.split(value.strip()) if item]
    return bool(items) and all(
        len(words(item)) <= 4 and (lowercase or not item[:1].islower()) and any(ch.isalpha() for ch in item)
        for item in items
    ) and (len(items) >= 2 or page.is_cjk(value))


def _emoji_led(text: str) -> bool:
    """Starts with a pictograph: `👉`, `📲`, `🔗` (So: other symbols)."""
    return bool(text) and unicodedata.category(text[0]) == "So"
