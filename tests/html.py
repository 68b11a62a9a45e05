"""Reading the pages the app answers with through an HTML parser (BeautifulSoup), the way a browser reads them."""

from bs4 import BeautifulSoup

STATE = ("csrf_token", "form_token", "version")


def page(html) -> BeautifulSoup:
    """The parsed page (`html` is the text or a test-client response)."""
    if hasattr(html, "get_data"):
        html = html.get_data(as_text=True)
    return BeautifulSoup(html, "html.parser")


def form_state(html, names=STATE) -> dict:
    """The hidden fields that make a form sendable (CSRF token, one-time token, version) present on the page."""
    soup = page(html)
    state = {}
    for name in names:
        field = soup.find("input", attrs={"name": name})
        if field is not None:
            state[name] = field.get("value", "")
    return state


def field_names(html) -> set[str]:
    """The names of every input, select and text area on the page."""
    return {tag["name"] for tag in page(html).find_all(["input", "select", "textarea"]) if tag.get("name")}


def checked(html, name=None) -> set[str]:
    """The values of the ticked checkboxes and radio buttons (of field `name`, or of all)."""
    attrs = {"checked": True} | ({"name": name} if name else {})
    return {tag.get("value") for tag in page(html).find_all("input", attrs=attrs)}


def values(html, name) -> list[str]:
    """The values offered by the checkboxes or radio buttons of field `name`, in page order."""
    return [tag.get("value") for tag in page(html).find_all("input", attrs={"name": name})]


def selected(html, name) -> str | None:
    """The value of the chosen option of select `name`."""
    select = page(html).find("select", attrs={"name": name})
    option = select.find("option", selected=True) if select is not None else None
    return option.get("value") if option is not None else None


def text(html) -> str:
    """What a reader sees: the page's text with runs of white space as one space."""
    return " ".join(page(html).get_text(" ").split())


def link(html, containing) -> str | None:
    """The first link whose address contains `containing`."""
    tag = page(html).find("a", href=lambda href: href and containing in href)
    return tag["href"] if tag is not None else None


def options(html, name) -> list[str]:
    """The words of the options of select `name`, in page order."""
    select = page(html).find("select", attrs={"name": name})
    return [option.get_text(strip=True) for option in select.find_all("option")] if select is not None else []
