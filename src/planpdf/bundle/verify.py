"""``verify`` of a bundle (``planpdf bundle``): its attached sources, its claims and its pages.

A bundle has no fingerprint of its own; its document information names each attached source
with its plan's fingerprint (``provenance.INFO_BUNDLE``). Each source is loaded and compared
with that, and the pages are built again from the sources alone (``Bundle.of``) and compared
byte for byte, as ``edition.verify`` does for one plan's PDF. Here rather than in ``edition``
because building a bundle is this stage's work.
"""

from __future__ import annotations

from msgspec.structs import replace

from ..content.load import Loaded, load_text
from ..edition.bounded import bounded
from ..edition.read import Edition
from ..edition.verify import OK, Report, check_claims, renderer_problem
from ..errors import ContentError, Diagnostic, PlanpdfError, Severity
from ..layout.fonts import default_fonts_dir, register
from ..model import images
from ..provenance import bundle_image_name, fingerprint, short
from .document import Bundle, render_bundle
from .inputs import Part
from .summary import summarize

CHANGED = "samlingen er ændret efter bygningen"


def verify_bundle(edition: Edition) -> Report:
    """Every finding about a bundle (``planpdf bundle``): each attached plan source against the
    fingerprint the bundle records for it, the PDF/A and PDF/UA claims, and its pages, which
    its sources decide (``check_bundle_pages``). The work runs in a limited child process
    (``bounded``), as ``verify_edition``'s does."""
    report: Report = bounded(edition.name, _verify_bundle, edition)
    return replace(report, edition=edition)


def _verify_bundle(edition: Edition) -> Report:
    report = _bundle_checks(edition)
    return replace(report, edition=replace(edition, data=b"", attachments={}))


def _bundle_checks(edition: Edition) -> Report:
    report = Report(edition)
    plans = edition.bundle or {}
    sources: list[tuple[str, bytes, Loaded]] = []
    count = f"{len(plans)} {'plan' if len(plans) == 1 else 'planer'}"
    report.add("warning", f"En samling af {count} (lavet med planpdf bundle), ikke én plans "
                          "udgave: hver plans vedhæftede kilde kontrolleres for sig")
    if not plans:  # planpdf bundle never makes one: there is nothing to check it against
        report.add("error", "samlingen nævner ingen planer, så intet i den kan kontrolleres")
    for name, recorded in sorted(plans.items()):
        data = edition.attachments.get(name)
        if data is None:
            report.add("error", f"{name}: kilden er ikke vedhæftet samlingen")
            continue
        prefix = bundle_image_name(name, "")
        pictures = {key.removeprefix(prefix): blob for key, blob in edition.attachments.items()
                    if key.startswith(prefix)}
        try:
            loaded = load_text(name, data.decode("utf-8"), pictures)
        except UnicodeDecodeError:
            report.add("error", f"{name}: den vedhæftede kilde er ikke UTF-8-tekst")
            continue
        except ContentError as exc:
            report.add("error", f"{name}: den vedhæftede kilde kan ikke indlæses: " + "; ".join(
                f"{d.where}: {d.message}" for d in exc.diagnostics))
            continue
        actual = fingerprint(loaded.data, loaded.images)
        if actual != recorded:
            report.add("error", f"{name}: fingeraftrykket passer ikke: samlingen siger "
                                f"{short(recorded)}, den vedhæftede kilde giver {short(actual)}")
            continue
        plan = loaded.plan
        report.add(OK, f"{name}: fingeraftryk {short(actual)} stemmer med den vedhæftede kilde "
                       f"({plan.council.name}, {plan.year}, {plan.status})")
        sources.append((name, data, loaded))
        report.drafts += plan.status != "godkendt"
    for name in _unexpected(edition, plans, sources):
        report.add("error", f"{name}: vedhæftet, men ikke en del af samlingen (hverken en af "
                            "dens planers kilder eller et billede, en af dem viser)")
    report.findings.append(check_claims(edition))
    if sources and not report.errors:  # else the sources are the problem, not the pages
        pages = check_bundle_pages(edition, sources)
        report.findings.append(pages)
        if pages.severity == "warning":
            report.unchecked.append(pages.message)
    return report


def _unexpected(edition: Edition, plans: dict[str, str],
                sources: list[tuple[str, bytes, Loaded]]) -> list[str]:
    """The attached files that are neither a plan's source nor an image a plan shows (for a
    plan that did not load, any file under its images' name is taken as its)."""
    shown = {bundle_image_name(name, image) for name, _data, loaded in sources
             for image in images(loaded.plan)}
    read = {name for name, _data, _loaded in sources}
    unread = tuple(bundle_image_name(name, "") for name in plans if name not in read)
    return [name for name in sorted(edition.attachments)
            if name not in plans and name not in shown and not name.startswith(unread)]


def check_bundle_pages(edition: Edition, sources: list[tuple[str, bytes, Loaded]]) -> Diagnostic:
    """Whether a bundle's pages are the ones its attached sources give. A bundle is made of its
    plans alone (their order, the year, the districts and the date follow from them,
    ``Bundle.of``), and its bytes are deterministic, so it is built again from the sources
    (name, canonical YAML, loaded plan) and compared, as ``check_pages`` does for one plan."""
    def finding(severity: Severity, text: str) -> Diagnostic:
        return Diagnostic(None, text, path=edition.name, severity=severity)

    unknown = renderer_problem(edition)
    if unknown is not None:
        return finding("warning", unknown)
    parts = [Part(name, loaded, summarize(loaded.plan), data) for name, data, loaded in sources]
    bundle = Bundle.of(parts)
    named = [part.name for part in bundle.parts]
    if named != bundle.source_names():  # renamed in the file, names and fingerprints alike
        wanted = ", ".join(bundle.source_names())
        return finding("error", f"{CHANGED}: kilderne er vedhæftet som {', '.join(named)}, "
                                f"men samlingen giver dem navnene {wanted}")
    try:
        rebuilt = render_bundle(bundle, register(default_fonts_dir())).pdf
    except PlanpdfError as exc:
        return finding("error", f"samlingen kan ikke bygges igen af de vedhæftede kilder: "
                                f"{exc.reason}")
    if rebuilt != edition.data:
        return finding("error", f"{CHANGED}: den svarer ikke byte for byte til det, de "
                                "vedhæftede kilder giver")
    return finding(OK, "Samlingens sider svarer byte for byte til de vedhæftede kilder")
