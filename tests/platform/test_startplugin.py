import ast
import io

from django.core.management import call_command


def test_startplugin_scaffolds_a_valid_plugin(tmp_path):
    call_command("startplugin", "olympiads", directory=str(tmp_path), stdout=io.StringIO())
    root = tmp_path / "plugins" / "olympiads"
    apps_py = (root / "apps.py").read_text()
    ast.parse(apps_py)
    assert "class OlympiadsConfig(PluginConfig)" in apps_py
    assert 'url_prefix = "olympiads"' in apps_py
    assert (root / "urls.py").exists() and (root / "migrations" / "__init__.py").exists()
    assert "<h1>olympiads</h1>" in (root / "templates" / "olympiads" / "index.html").read_text()
