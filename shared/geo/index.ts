// Geography: datum conversion, point-in-district, distances. Pure; runs in the browser and on the server.
export * from './lat-lng'
export * from './gcj02'
export * from './point-in-polygon'
export * from './distance'
