"""``hudna serve`` and ``hudna users ...`` (issue #6)."""

from __future__ import annotations

import logging

import typer

from hudna.cli import app
from hudna.cli.context import get_ctx
from hudna.config import Settings, normalize_db_url

log = logging.getLogger(__name__)

users_app = typer.Typer(help="Accounts of the web application.", no_args_is_help=True)
app.add_typer(users_app, name="users")


def serve_app(
    settings: Settings, *, host: str | None = None, port: int | None = None, public_read: bool = False
) -> None:
    """Run the web application on ``settings`` with uvicorn until interrupted.

    ``host`` and ``port`` default to ``HUDNA_HOST`` / ``HUDNA_PORT`` from the environment, else
    127.0.0.1:8000 (so ``HUDNA_PORT=8765 hudna demo --serve`` serves elsewhere). The CLI and the
    web layer are independent (import-linter), so the app is built by uvicorn's factory from the
    environment, which this composition root sets: ``HUDNA_DATABASE_URL`` and ``HUDNA_PUBLIC_READ``.
    """
    import os
    import socket

    import uvicorn

    from hudna.errors import ConfigError

    host = host or os.environ.get("HUDNA_HOST") or "127.0.0.1"
    if port is None:
        raw = os.environ.get("HUDNA_PORT") or "8000"
        if not raw.isdigit() or not 0 < int(raw) < 65536:
            raise ConfigError(f"HUDNA_PORT must be a port number, not {raw!r}")
        port = int(raw)
    try:  # a clear message instead of uvicorn's log line when the port is taken
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror}; choose another --port") from exc

    from hudna.services.users import has_admin
    from hudna.storage import open_store

    os.environ["HUDNA_DATABASE_URL"] = settings.database_url
    os.environ["HUDNA_PUBLIC_READ"] = "true" if public_read else "false"
    store = open_store(settings.database_url)
    try:
        admin = has_admin(store)
    finally:
        store.close()
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"hudna web: http://{shown}:{port}/  (API: http://{shown}:{port}/api/openapi.json)")
    if public_read:
        typer.echo("reading is public; writing needs an account")
    if not admin:
        typer.echo(f"no admin account yet — create one with:  hudna --db {settings.database_url} users add NAME --role admin")
    uvicorn.run("hudna.web.app:create_app", factory=True, host=host, port=port, log_level="warning")


@app.command("serve")
def serve(
    ctx: typer.Context,
    db: str | None = typer.Option(None, "--db", help="Database (overrides the global --db)."),
    host: str | None = typer.Option(None, "--host", help="Address to listen on (default 127.0.0.1, env HUDNA_HOST)."),
    port: int | None = typer.Option(None, "--port", help="Port to listen on (default 8000, env HUDNA_PORT)."),
    public_read: bool = typer.Option(False, "--public-read", help="Let anonymous visitors read."),
) -> None:
    """Serve the web UI and REST API (FastAPI + uvicorn)."""
    settings = get_ctx(ctx).settings
    if db:
        settings = settings.model_copy(update={"database_url": normalize_db_url(db)})
    serve_app(settings, host=host, port=port, public_read=public_read)


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="User name."),
    role: str = typer.Option("viewer", "--role", help="viewer, monitor, analyst or admin."),
    password: str | None = typer.Option(
        None, "--password", envvar="HUDNA_NEW_PASSWORD", help="Password (prompted when absent; env HUDNA_NEW_PASSWORD)."
    ),
    no_password: bool = typer.Option(False, "--no-password", help="Token-only account (scripts)."),
    display_name: str | None = typer.Option(None, "--name", help="Display name."),
) -> None:
    """Create an account (passwords are stored as argon2 hashes)."""
    from hudna.services.users import add_user

    if not no_password and password is None:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    user = add_user(get_ctx(ctx).store, username, role, None if no_password else password, display_name=display_name)
    typer.echo(f"added {user.username} ({user.role})")


@users_app.command("list")
def users_list(ctx: typer.Context) -> None:
    """List accounts."""
    from hudna.services.users import list_users

    for u in list_users(get_ctx(ctx).store):
        typer.echo(f"{u.username}\t{u.role}\t{'disabled' if u.disabled else 'active'}\t{u.created_at:%Y-%m-%d}")


@users_app.command("disable")
def users_disable(ctx: typer.Context, username: str = typer.Argument(...)) -> None:
    """Disable an account (its sessions and tokens stop working)."""
    from hudna.services.users import set_disabled

    set_disabled(get_ctx(ctx).store, username, True)
    typer.echo(f"disabled {username}")


@users_app.command("token")
def users_token(
    ctx: typer.Context,
    username: str = typer.Argument(...),
    label: str | None = typer.Option(None, "--label", help="What the token is for."),
) -> None:
    """Create an API token (printed once; send it as 'Authorization: Bearer <token>')."""
    from hudna.services.users import create_token

    typer.echo(create_token(get_ctx(ctx).store, username, label))
