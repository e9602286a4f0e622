#!/usr/bin/env python3
"""Rebuilds the inline-untranslated test articles: each en/NAME.txt (English
written for these tests) is run through Apertium into Spanish (eng-spa) and,
through the Spanish, into French (es-fr). The published texts are the -u
outputs (es/NAME.txt, fr/NAME.txt); the gold (NAME.gold.json, the format of
../shared/spec/findings.md) comes from the words Apertium marked unknown
(*word) in the marked outputs:
  - a word with a digit, a single letter, a word in capitals: skipped;
  - a capitalised word in mid-sentence: a name, skipped;
  - a capitalised word that starts a sentence: gold when its lower-case form
    is in the English or Spanish word list, else a name;
  - a lower-case word that is also a word of the target language (its
    Debian word list): optional; any other: gold.
Adjacent gold or optional tokens form one quote.
usage: python3 build.py   (needs apertium, apertium-eng-spa, apertium-fr-es,
wamerican, wspanish, wfrench)"""
import difflib, json, os, re, subprocess, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))


def words(path):
    s = set()
    for line in open(path, encoding='utf-8'):
        s.add(unicodedata.normalize('NFC', line.strip().lower()))
    return s


EN = words('/usr/share/dict/american-english')
ES = words('/usr/share/dict/spanish')
FR = words('/usr/share/dict/french')
TARGET = {'es': ES, 'fr': FR}


def apertium(mode, text, unknown):
    args = ['apertium'] + ([] if unknown else ['-u']) + ['-f', 'txt', mode]
    return subprocess.run(args, input=text, capture_output=True, text=True, check=True).stdout


def translate(text, mode):
    """Translates paragraph by paragraph; returns (published, marked)."""
    pub, marked = [], []
    for para in text.strip().split('\n\n'):  # paragraphs, with the title alone
        para = ' '.join(para.split())
        pub.append(' '.join(apertium(mode, para, False).split()))
        marked.append(' '.join(apertium(mode, para, True).split()))
    return '\n\n'.join(pub) + '\n', '\n\n'.join(marked) + '\n'


WORD = re.compile(r"[\w'’-]+")


def marked_tokens(pub, marked):
    """Yields (start, end, token, sentence_initial) of published-text tokens
    whose marked counterpart starts with * or @."""
    p = pub.split(' ')
    m = marked.split(' ')
    strip = [re.sub(r'(^|(?<=\W))[*@#]', '', t) for t in m]
    sm = difflib.SequenceMatcher(a=strip, b=p, autojunk=False)
    offsets, o = [], 0
    for t in p:
        offsets.append(o)
        o += len(t) + 1
    seen = set()
    for a, b, n in sm.get_matching_blocks():
        for k in range(n):
            mt, pt = m[a + k], p[b + k]
            mm = re.search(r'[*@](\w[\w-]*)', mt)
            if not mm:
                continue
            seen.add(a + k)
            w = mm.group(1)
            i = pt.find(w)
            if i < 0:
                continue
            start = offsets[b + k] + i
            prev = p[b + k - 1] if b + k > 0 else ''
            initial = (b + k == 0 or '\n' in prev or prev.endswith(('.', '!', '?', ':'))
                       or prev in ('"', '«', '“') or pt[:i].startswith(('"', '«', '“', '¿', '¡')))
            yield start, start + len(w), w, initial
    # Marked tokens the alignment missed (the -u output elided an article
    # differently: "le *embankments" against "l'embankments"): the first
    # whole-word occurrence of the word in the published text.
    for a, mt in enumerate(m):
        mm = re.search(r'[*@](\w[\w-]*)', mt)
        if a in seen or not mm:
            continue
        w = mm.group(1)
        hit = re.search(r'(?<!\w)' + re.escape(w) + r'(?!\w)', pub)
        if hit:
            yield hit.start(), hit.end(), w, False


# Hand decisions: words eng-spa glued together (optional, as in the shared
# bench), and an English headline word missing from wamerican (gold).
HAND = {'alquileresdeplazo': 'optional', 'quemuerdeuña': 'optional', 'Heatwave': 'gold'}


def classify(w, initial, target):
    if w in HAND:
        return HAND[w]
    if any(c.isdigit() for c in w) or len(w) < 2 or w.isupper():
        return None
    lw = w.lower()
    if w[0].isupper():
        if initial and (lw in EN or lw in ES):
            return 'gold' if lw not in TARGET[target] else 'optional'
        return None
    return 'optional' if lw in TARGET[target] else 'gold'


def gold(text, pub_marked, target):
    items = []
    for start, end, w, initial in sorted(set(marked_tokens(text, pub_marked))):
        c = classify(w, initial, target)
        if c and not any(i[0] < end and start < i[1] for i in items):
            items.append([start, end, c])
    merged = []
    for it in items:
        if merged and re.fullmatch(r'[ -]', text[merged[-1][1]:it[0]] or 'x'):
            merged[-1][1] = it[1]
            merged[-1][2] = 'gold' if 'gold' in (merged[-1][2], it[2]) else 'optional'
        else:
            merged.append(it)
    out = []
    b = text.encode()
    for start, end, c in merged:
        q = text[start:end]
        item = {'category': 'untranslated', 'quote': q}
        occ = [m.start() for m in re.finditer('(?=' + re.escape(q.encode().decode()) + ')', text)]
        if len(occ) > 1:
            item['occurrence'] = occ.index(start) + 1
        if c == 'optional':
            item['optional'] = True
        out.append(item)
    return out


def main():
    for d in ('es', 'fr'):
        os.makedirs(os.path.join(HERE, d), exist_ok=True)
    for name in sorted(os.listdir(os.path.join(HERE, 'en'))):
        if not name.endswith('.txt'):
            continue
        base = name[:-4]
        en = open(os.path.join(HERE, 'en', name), encoding='utf-8').read()
        es, es_marked = translate(en, 'eng-spa')
        fr, fr_marked = translate(es, 'es-fr')
        for lang, text, marked in (('es', es, es_marked), ('fr', fr, fr_marked)):
            with open(os.path.join(HERE, lang, base + '.txt'), 'w', encoding='utf-8') as f:
                f.write(text)
            g = {'lang': lang, 'findings': gold(text, marked, lang)}
            with open(os.path.join(HERE, lang, base + '.gold.json'), 'w', encoding='utf-8') as f:
                json.dump(g, f, ensure_ascii=False, indent=1)
                f.write('\n')
            print(lang, base, ' | '.join(('(%s)' % i['quote']) if i.get('optional') else i['quote'] for i in g['findings']))


if __name__ == '__main__':
    main()
