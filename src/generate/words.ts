// Word lists the generator composes names and titles from. Invented combinations only.

export const FIRST_NAMES_F: readonly string[] = (
  'Sara Ava Chloe Emily Mia Layla Brooklyn Katherine ' +
  'Hannah Madison Olivia Sophia Isabella Zoe Grace Amelia Harper Evelyn Abigail Ella Scarlett Victoria Aria Riley ' +
  'Nora Hazel Aubrey Stella Violet Aurora Savannah Audrey Claire Skylar Lucy Paisley Anna Caroline Genesis Kennedy ' +
  'Kinsley Allison Maya Naomi Elena Sarah Ariana Alice Gabriella Madelyn Cora Ruby Eva Serenity Autumn Adeline ' +
  'Hailey Gianna Valentina Isla Eliana Quinn Nevaeh Ivy Sadie Piper Lydia Alexa Josephine Emery Julia Delilah ' +
  'Arianna Vivian Sophie Brielle Madeline Peyton Rylee Clara Hadley Melanie Mackenzie Reagan Adalynn Chloé'
).split(' ');

export const FIRST_NAMES_M: readonly string[] = (
  'Lucas Liam Noah Mason Elijah Logan Aiden Jackson Levi Sebastian Mateo Jack Owen ' +
  'Theodore Samuel Henry Leo Wyatt Gabriel Carter Julian Luke Grayson Isaac Lincoln Anthony Hudson Dylan ' +
  'Ezra Thomas Charles Christopher Jaxon Maverick Josiah Isaiah Andrew Elias Joshua Nathan Caleb Eli Aaron Hunter ' +
  'Connor Landon Adrian Jonathan Nolan Jeremiah Easton Cameron Colton Robert Angel Dominic Austin Jordan Brayden ' +
  'Ian Nicholas Adam Xavier Jose Jace Parker Cooper Kayden Carson Bentley Jason Chase Evan Miles Damian Harrison ' +
  'Kevin Zachary Tyler Blake Brody Cole Declan Micah Silas Tristan Wesley Rowan Spencer Tucker Martín'
).split(' ');

export const LAST_NAMES: readonly string[] = (
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez ' +
  'Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark ' +
  'Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker ' +
  'Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes ' +
  'Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos ' +
  'Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo ' +
  'Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson ' +
  'Barnes Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace West ' +
  "Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens O'Brien"
).split(' ');

export const TITLE_WORDS: readonly string[] = (
  'Love Night Heart Fire Dream Blue Rain Summer Girl Boy Baby Time Light Dark Road Home Song Dance Soul Moon Sun ' +
  'Star Sky Wild Sweet Cold Gold Silver River City Street Midnight Morning Angel Devil Ghost Shadow Stone Heaven ' +
  'Paradise Highway Radio Tonight Forever Yesterday Tomorrow Together Alone Lonely Crazy Broken Burning Falling ' +
  'Running Waiting Dancing Flying Dreaming Kiss Tears Eyes Hands Voice Walls Doors Window Ocean Sea Island Desert ' +
  'Winter Spring Autumn Storm Thunder Lightning Wind Snow Ice Flame Smoke Mirror Shadows Memories Secrets Lies ' +
  'Truth Freedom Revolution Rebel Hero King Queen Prince Princess Kingdom Empire Machine Electric Digital Neon ' +
  'Velvet Satin Diamond Crystal Cherry Honey Sugar Candy Whiskey Wine Coffee Cigarettes Train Station Bridge ' +
  'Mountain Valley Garden Roses Violets Lullaby Serenade Symphony Blues Groove Funk Soulful Boogie Jam Rhapsody ' +
  'Señorita Corazón Amor Noche Vida Mañana Fantôme Été Über Nacht'
).split(' ');

export const TITLE_JOINERS: readonly string[] = ['of the', 'in the', 'on the', 'for', 'and', 'with', 'without', 'under the', 'after the', 'to'];

export const TITLE_SUFFIXES: readonly string[] = [
  ' (Live)',
  ' (Remix)',
  ' (Album Version)',
  ' (Radio Edit)',
  ' (Acoustic)',
  ' (Demo)',
  ' (Remastered)',
  ' [Explicit]',
  ' (feat. MC Rhyme)',
  ' - Original Mix',
];

export const ARTIST_WORDS: readonly string[] = (
  'Arctic Velvet Electric Neon Midnight Silver Golden Crimson Black White Blue Red Wild Lost Broken Young Old ' +
  'Dead Living Holy Royal Cosmic Lunar Solar Atomic Magnetic Hollow Savage Gentle Rolling Flying Howling Burning ' +
  'Frozen Hidden Secret Lonely Happy Sad Strange Little Big Tiny Giant Future Ancient Modern Analog Digital Mystic'
).split(' ');

export const ARTIST_NOUNS: readonly string[] = (
  'Monkeys Lips Keys Stones Kings Queens Wolves Foxes Bears Tigers Lions Owls Ravens Crows Doves Hearts Souls ' +
  'Ghosts Angels Devils Machines Robots Rockets Stars Planets Moons Suns Rivers Oceans Mountains Flowers Roses ' +
  'Thorns Knives Guns Drums Guitars Strings Horns Bells Echoes Shadows Lights Sparks Flames Waves Tides Storms ' +
  'Brothers Sisters Kids Boys Girls Lovers Strangers Saints Sinners Riders Drivers Dreamers Fighters Hunters Trio ' +
  'Quartet Orchestra Ensemble Collective Experience Project Sound System Band Crew'
).split(' ');

export const GENRE_TAGS: readonly string[] = ['DJ', 'MC', 'Lil', 'Big', 'Dr.', 'Los', 'Les', 'Die', 'La', 'El'];
