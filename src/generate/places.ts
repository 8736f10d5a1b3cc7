// US metro areas (census CBSA names) for users, and places with coordinates for artists.

export const USER_LOCATIONS: readonly string[] = [
  'San Francisco-Oakland-Hayward, CA', 'Los Angeles-Long Beach-Anaheim, CA', 'New York-Newark-Jersey City, NY-NJ-PA',
  'Chicago-Naperville-Elgin, IL-IN-WI', 'Atlanta-Sandy Springs-Roswell, GA', 'Houston-The Woodlands-Sugar Land, TX',
  'Dallas-Fort Worth-Arlington, TX', 'Phoenix-Mesa-Scottsdale, AZ', 'Philadelphia-Camden-Wilmington, PA-NJ-DE-MD',
  'Washington-Arlington-Alexandria, DC-VA-MD-WV', 'Miami-Fort Lauderdale-West Palm Beach, FL',
  'Boston-Cambridge-Newton, MA-NH', 'Seattle-Tacoma-Bellevue, WA', 'Minneapolis-St. Paul-Bloomington, MN-WI',
  'San Diego-Carlsbad, CA', 'Tampa-St. Petersburg-Clearwater, FL', 'Denver-Aurora-Lakewood, CO',
  'St. Louis, MO-IL', 'Baltimore-Columbia-Towson, MD', 'Charlotte-Concord-Gastonia, NC-SC',
  'Portland-Vancouver-Hillsboro, OR-WA', 'San Antonio-New Braunfels, TX', 'Orlando-Kissimmee-Sanford, FL',
  'Sacramento--Roseville--Arden-Arcade, CA', 'Pittsburgh, PA', 'Cincinnati, OH-KY-IN', 'Las Vegas-Henderson-Paradise, NV',
  'Kansas City, MO-KS', 'Austin-Round Rock, TX', 'Columbus, OH', 'Cleveland-Elyria, OH', 'Indianapolis-Carmel-Anderson, IN',
  'San Jose-Sunnyvale-Santa Clara, CA', 'Nashville-Davidson--Murfreesboro--Franklin, TN',
  'Virginia Beach-Norfolk-Newport News, VA-NC', 'Providence-Warwick, RI-MA', 'Milwaukee-Waukesha-West Allis, WI',
  'Jacksonville, FL', 'Memphis, TN-MS-AR', 'Oklahoma City, OK', 'Louisville/Jefferson County, KY-IN',
  'Richmond, VA', 'New Orleans-Metairie, LA', 'Raleigh, NC', 'Salt Lake City, UT', 'Birmingham-Hoover, AL',
  'Buffalo-Cheektowaga-Niagara Falls, NY', 'Detroit-Warren-Dearborn, MI', 'Tucson, AZ',
  'Albany-Schenectady-Troy, NY', 'Santa Maria-Santa Barbara, CA', 'Eugene, OR', 'Anchorage, AK', 'Urban Honolulu, HI',
  'Boise City, ID', 'Des Moines-West Des Moines, IA', 'Madison, WI', 'Ann Arbor, MI', 'Durham-Chapel Hill, NC',
];

/** Artist home towns: [location text, latitude, longitude]. */
export const ARTIST_PLACES: readonly (readonly [string, number, number])[] = [
  ['Nashville, TN', 36.1622, -86.7744], ['San Francisco, CA', 37.7749, -122.4194], ['Los Angeles, CA', 34.05349, -118.24532],
  ['New York, NY', 40.71455, -74.00712], ['Brooklyn, NY', 40.65507, -73.94888], ['Chicago, IL', 41.88415, -87.63241],
  ['London, England', 51.50632, -0.12714], ['Manchester, England', 53.47961, -2.24881], ['Glasgow, Scotland', 55.85711, -4.24364],
  ['Dublin, Ireland', 53.34376, -6.24953], ['Paris, France', 48.85692, 2.34121], ['Berlin, Germany', 52.51607, 13.37698],
  ['Stockholm, Sweden', 59.33217, 18.06243], ['Reykjavik, Iceland', 64.13548, -21.89541], ['Toronto, Ontario, Canada', 43.64856, -79.38533],
  ['Montreal, Quebec, Canada', 45.51228, -73.55439], ['Seattle, WA', 47.60356, -122.32944], ['Austin, TX', 30.26759, -97.74299],
  ['Houston, TX', 29.76045, -95.36978], ['Atlanta, GA', 33.74831, -84.39111], ['Detroit, MI', 42.33168, -83.04792],
  ['Memphis, TN', 35.14968, -90.04892], ['New Orleans, LA', 29.95369, -90.07771], ['Kingston, Jamaica', 17.99702, -76.79358],
  ['Rio de Janeiro, Brazil', -22.97673, -43.19508], ['São Paulo, Brazil', -23.56288, -46.65467], ['Mexico City, Mexico', 19.43195, -99.13315],
  ['Tokyo, Japan', 35.68326, 139.80894], ['Sydney, Australia', -33.86963, 151.20695], ['Lagos, Nigeria', 6.45306, 3.39583],
  ['Dakar, Senegal', 14.66492, -17.43751], ['Bamako, Mali', 12.65, -7.99994], ['Havana, Cuba', 23.13191, -82.36416],
  ['Oakland, CA', 37.80506, -122.27302], ['Philadelphia, PA', 39.95227, -75.16237], ['Minneapolis, MN', 44.97903, -93.26493],
  ['Athens, GA', 33.95813, -83.37324], ['Bakersfield, CA', 35.37329, -119.01871], ['Helsinki, Finland', 60.17116, 24.93266],
  ['Oslo, Norway', 59.91228, 10.74998], ['Madrid, Spain', 40.4203, -3.70577], ['Roma, Italy', 41.89576, 12.4823],
];

/** Free-text locations that eventsim's catalog often has without coordinates. */
export const LOOSE_LOCATIONS: readonly string[] = [
  'UK', 'Texas', 'Ohio', 'Florida', 'Canada', 'Germany', 'Sweden', 'California', 'New Jersey', 'Long Island, NY',
  'Hamburg, Germany', 'Bristol, England', 'Brooklyn', 'Portland, OR', 'Oxnard, CA', 'Fort Worth, TX', 'Denmark',
];
