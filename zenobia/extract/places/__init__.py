"""Places: geocoding place mentions against GeoNames, the curated regions and the place cache."""

# The alias readers load first: actors' portfolios read them while this package is loading.
from zenobia.extract.places.geonames import read_aliases, read_state_aliases  # noqa: I001
from zenobia.extract.places.gazetteer import Geocoder, load_geocoder
from zenobia.extract.places.geocoding import country_names, geocode_analysis

__all__ = [
    "Geocoder",
    "country_names",
    "geocode_analysis",
    "load_geocoder",
    "read_aliases",
    "read_state_aliases",
]
