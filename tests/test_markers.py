"""Marker comments: found with their arguments, replaced by name, and never left behind silently."""
import pytest

from edition import markers


def test_markers_are_found_with_their_arguments():
    text = "a\n<!-- edition:timeline membership -->\nb <!--edition:parallel-->"
    assert markers.find(text) == [("timeline", ["membership"]), ("parallel", [])]
    assert markers.find(text, "parallel") == [("parallel", [])]


def test_replace_touches_only_the_named_marker():
    text = "<!-- edition:timeline leaders --> <!-- edition:parallel -->"
    result = markers.replace(text, "timeline", lambda args: f"[table {args[0]}]")
    assert result == "[table leaders] <!-- edition:parallel -->"


def test_an_unknown_marker_fails_naming_the_allowed_ones():
    with pytest.raises(markers.MarkerError, match=r"article.md: unknown marker <!-- edition:timline x -->; allowed: timeline"):
        markers.check_none_left("<p>x</p><!-- edition:timline x -->", "article.md")


def test_a_known_marker_left_unreplaced_fails():
    with pytest.raises(markers.MarkerError, match="was not replaced"):
        markers.check_none_left("<!-- edition:sources -->", "sources.md")


def test_ordinary_comments_pass():
    markers.check_none_left("<!-- an editor's note -->", "index.md")
