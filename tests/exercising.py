"""What the exercise tests share: the words a check gives, run twice (it must give the same)."""

from nnlib.exercises.engine import Wrong


def verdict(check_call, *answers):
    """The words a check gives: None if it passes, else the Wrong's text (run twice: the same)."""
    said = []
    for _ in range(2):
        try:
            check_call(*answers)
        except Wrong as wrong:
            said.append(str(wrong))
        else:
            said.append(None)
    assert said[0] == said[1], "the check answered differently when run again"
    return said[0]


def wrong_words(check_call, *answers):
    """The words a check gives a wrong answer, whatever the line breaks; it must not pass, and
    must show no traceback."""
    words = verdict(check_call, *answers)
    assert words is not None, "a wrong answer passed"
    assert "Traceback" not in words and "File \"" not in words
    return " ".join(words.split())
