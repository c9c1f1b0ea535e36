"""The README's two commands are the project's contract; CI must run the second, exactly."""
from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## The two commands", 1)[1].split("\n## ", 1)[0]
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```", section, flags=re.S)]


def test_readme_has_exactly_two_commands_main_job_then_tests():
    build, tests = _readme_commands()
    assert build.endswith("python -m extract build")
    assert "pytest" in tests and "pytest" not in build


def test_ci_runs_the_readme_test_command_and_nothing_less():
    _, tests = _readme_commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    body = [ln.strip() for ln in ci.splitlines() if ln.strip() and not ln.startswith("#")]
    # Shell set-up lines are allowed around it; the command itself must appear whole.
    assert tests in body, f".ci/run does not run the README's test command:\n{tests}"


def test_scripts_named_by_the_readme_exist_and_are_executable():
    for cmd in _readme_commands():
        for word in cmd.split():
            if word.startswith("scripts/"):
                path = REPO / word
                assert path.is_file(), word
                assert path.stat().st_mode & 0o111, f"{word} is not executable"


def test_adding_a_source_names_every_body_key_the_archive_check_needs():
    """Step 2 tells a curator to move the body offsets; the snippets checked with them must move too."""
    import inspect

    from extract import sources

    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Adding a source", 1)[1].split("\n## ", 1)[0]
    step = section.split("\n2. ", 1)[1].split("\n3. ", 1)[0]
    checked = set(re.findall(r'meta\["(body_\w+)"\]', inspect.getsource(sources._check_body)))
    assert checked == {"body_start", "body_end", "body_first", "body_last"}
    for key in sorted(checked):
        assert f"`{key}`" in step, f"README 'Adding a source' step 2 does not mention {key}"
