// Plain coordinate types used by the geo helpers.

/** A position in degrees; which datum it is in is said by the function that takes or returns it. */
export interface LatLng {
  lat: number
  lng: number
}

/** A GeoJSON position: longitude first. */
export type Position = [lng: number, lat: number]

/** A GeoJSON MultiPolygon's coordinates: polygons → rings → positions. Ring 0 is the outer ring, the rest are holes. */
export type MultiPolygonCoords = Position[][][]

/** `[minLng, minLat, maxLng, maxLat]` */
export type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number]
