package inbox

// SearchCountCap is where counting a search's results stops: the store
// returns SearchCountCap+1 for a search that finds more, and the list shows
// "1.000+". An exact count of a common word reads every one of its index
// entries (seconds when they are not in the page cache, at a million
// conversations), and nobody reads a thousand results.
const SearchCountCap = 1000
