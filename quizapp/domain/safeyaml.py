"""Parse the bank's YAML without trusting it.

Anchors and aliases are refused while the document is composed, before anything is
built, so an alias bomb ("billion laughs") costs no more than reading its text. Nesting
is bounded, a key may not appear twice in a mapping, and a value YAML cannot build (a
date such as 2019-02-30) is reported at its line instead of escaping as a traceback.
Every mapping remembers the line it starts on under LINE.
"""

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

try:  # libyaml parses much faster; the composer above it stays ours either way
    from yaml.cyaml import CParser as _Parser

    _FAST = True
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):
        """The pure Python reader, scanner and parser, as one class like CParser."""

        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

    _FAST = False

LINE = "__line__"
MAX_DEPTH = 20


class YamlProblem(Exception):
    """The text is not YAML the bank accepts; `line` (1-based) says where, when known."""

    def __init__(self, line, message):
        super().__init__(message)
        self.line = line
        self.message = message


class _Loader(Composer, _Parser, SafeConstructor, Resolver):
    """libyaml's parser under a composer that refuses anchors and deep nesting."""

    def __init__(self, stream):
        _Parser.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.depth = 0

    def compose_node(self, parent, index):
        """Compose one node, refusing aliases, anchors and nesting beyond MAX_DEPTH."""
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise YamlProblem(event.start_mark.line + 1,
                              "YAML anchors and aliases (& and *) are not allowed")
        if self.depth >= MAX_DEPTH:
            raise YamlProblem(event.start_mark.line + 1,
                              f"nested more than {MAX_DEPTH} levels deep")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node, deep=False):
        """Build one value, turning a value Python refuses into a problem at its line."""
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError, TypeError) as error:
            shown = node.value if isinstance(node, yaml.ScalarNode) else node.tag
            raise YamlProblem(node.start_mark.line + 1,
                              f"cannot read {shown!r}: {error}") from None

    def construct_mapping(self, node, deep=False):
        """Build a mapping, refusing a repeated key and noting the line it starts on."""
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) < len(node.value):
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if key in seen:
                    raise YamlProblem(key_node.start_mark.line + 1,
                                      f"the key {key!r} appears twice")
                seen.add(key)
        mapping[LINE] = node.start_mark.line + 1
        return mapping


def parse(text, first_line=1):
    """Return the value of the YAML `text`; `first_line` is its line in the file."""
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except YamlProblem as problem:
        raise YamlProblem(problem.line + first_line - 1, problem.message) from None
    except yaml.reader.ReaderError as error:
        # libyaml counts bytes of the UTF-8 text, the pure Python reader characters.
        before = text.encode("utf-8", "surrogatepass") if _FAST else text
        line = before[:error.position].count(b"\n" if _FAST else "\n") + first_line
        raise YamlProblem(line, f"not valid YAML: the character U+{error.character:04X} "
                                "is not allowed") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark else None
        raise YamlProblem(line, f"not valid YAML: {error}") from None
    finally:
        loader.dispose()


def strip_lines(value):
    """Return `value` without the LINE marks of its mappings."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value
