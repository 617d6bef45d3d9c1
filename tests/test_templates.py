"""The theme's template environment is made once per build and replaced for the next one."""
from types import SimpleNamespace

from edition.templates import theme_env


def test_one_environment_per_theme_and_a_new_one_for_the_next_build():
    made = []

    def get_env():
        made.append(object())
        return made[-1]

    german, english = SimpleNamespace(get_env=get_env), SimpleNamespace(get_env=get_env)
    assert theme_env(german) is theme_env(german) is made[0]
    assert theme_env(english) is made[1] and len(made) == 2
