"""PC4 centroids: the outlier rule keeps scattered codes where their numeric neighbours are."""

import numpy as np
import pytest

from matching.geo import PostcodeCentroids, haversine_km

UTRECHT_CENTRE = (52.0907, 5.1214)


@pytest.fixture(scope="module")
def centroids():
    return PostcodeCentroids.load()


def test_3523_lies_in_utrecht_not_ouddorp(centroids):
    lat, lon = centroids.centroid("3523")
    assert haversine_km(lat, lon, *UTRECHT_CENTRE) < 5
    assert haversine_km(lat, lon, 51.8119, 3.8916) > 50  # Ouddorp row dropped


def test_2324_lies_in_leiden_not_amersfoort(centroids):
    lat, lon = centroids.centroid("2324")
    assert haversine_km(lat, lon, 52.16, 4.49) < 5


def test_neighbourhood_codes_are_close_together(centroids):
    for code in ["3521", "3522", "3524", "3525", "3526", "3527", "3528"]:
        assert haversine_km(*centroids.centroid(code), *centroids.centroid("3526")) < 6


def test_pc6_and_unknown_codes(centroids):
    assert centroids.centroid("3526 AB") == centroids.centroid("3526")
    assert centroids.centroid("0000") is None and centroids.centroid(None) is None
    assert centroids.known("3526") and not centroids.known("1000x")
    assert "3526" in centroids.all_pc4() and len(centroids.all_pc4()) > 4000


def test_coords_marks_unknown_with_nan(centroids):
    coords = centroids.coords(["3526", None, "0000"])
    assert coords.shape == (3, 2)
    assert not np.isnan(coords[0]).any() and np.isnan(coords[1:]).all()
