useEffect(() => {
  const id = setInterval(() => {}, 10);
  return () => clearInterval(id)
}, [])
