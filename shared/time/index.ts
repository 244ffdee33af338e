// Time in the city's zone: instants, months, quarters and their bounds.
export * from './instant'
export * from './month'
export * from './zone'
export * from './month-finder'
