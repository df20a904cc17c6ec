"""Places on the map: the gazetteer and the dim_location rows it fills."""
