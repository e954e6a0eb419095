from django.urls import reverse, set_script_prefix

from osce_site.links import link


def test_a_link_is_what_reverse_gives_under_each_script_prefix():
    assert link("press:detail", "a-release") == reverse("press:detail", args=["a-release"])
    try:
        set_script_prefix("/site/")
        assert link("press:detail", "a-release") == "/site/press-releases/a-release/"
    finally:
        set_script_prefix("/")
    assert link("press:detail", "a-release") == "/press-releases/a-release/"
