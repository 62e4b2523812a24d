// The package ships no types: one function, digits in (as a string), Indonesian words out.
declare module "@develoka/angka-terbilang-js" {
  const angkaTerbilang: (digits: string) => string;
  export default angkaTerbilang;
}
